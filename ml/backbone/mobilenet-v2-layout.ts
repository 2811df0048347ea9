// MobileNet v2's layer plan (Sandler et al. 2018, table 2), shared by the two builders that must produce
// the same network: the TF.js layers model (architectures.ts) and the converter-style graph (synthetic-graph.ts).

/** Channel counts rounded to multiples of 8 (at least 8), as in the reference implementation. */
export function makeDivisible(channels: number): number {
  return Math.max(8, Math.round(channels / 8) * 8);
}

/** One inverted residual block: optional 1×1 expansion, 3×3 depthwise, 1×1 linear projection. */
export interface InvertedResidualBlock {
  /** 0-based position, as in the TF Hub graph's `expanded_conv_<index>` names. */
  index: number;
  inChannels: number;
  /** Channels after the expansion; equal to inChannels when the block has none. */
  expandedChannels: number;
  outChannels: number;
  /** Whether the block starts with a 1×1 expansion convolution (expansion factor ≠ 1). */
  expands: boolean;
  stride: number;
  /** Whether the input is added to the output (same shape: stride 1 and unchanged width). */
  residual: boolean;
}

// [expansion, output channels, repeats, first stride]
const BLOCK_TABLE: ReadonlyArray<readonly [number, number, number, number]> = [
  [1, 16, 1, 1],
  [6, 24, 2, 2],
  [6, 32, 3, 2],
  [6, 64, 4, 2],
  [6, 96, 3, 1],
  [6, 160, 3, 2],
  [6, 320, 1, 1],
];

/** The final 1×1 convolution's width before the global pool (not scaled by alpha for alpha ≤ 1). */
export const MOBILENET_V2_HEAD_CHANNELS = 1280;

/** The stem's width and the 17 inverted residual blocks for a width multiplier `alpha`. */
export function mobileNetV2Layout(alpha: number): { stemChannels: number; blocks: InvertedResidualBlock[] } {
  const stemChannels = makeDivisible(32 * alpha);
  const blocks: InvertedResidualBlock[] = [];
  let channels = stemChannels;
  for (const [expansion, outWidth, repeats, firstStride] of BLOCK_TABLE) {
    for (let r = 0; r < repeats; r++) {
      const stride = r === 0 ? firstStride : 1;
      const outChannels = makeDivisible(outWidth * alpha);
      blocks.push({
        index: blocks.length,
        inChannels: channels,
        expandedChannels: channels * expansion,
        outChannels,
        expands: expansion !== 1,
        stride,
        residual: stride === 1 && channels === outChannels,
      });
      channels = outChannels;
    }
  }
  return { stemChannels, blocks };
}
