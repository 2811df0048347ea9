import { BUNDLED_BACKBONES, PRETRAINED_BACKBONES } from "./catalog";

/**
 * What a model built on a backbone must carry when it leaves VentureLens (the
 * export zip holds the backbone's weights). The trained head and the compact
 * CNN are the user's own: no notice.
 */
export interface BackboneLicence {
  /** SPDX identifiers of the licences involved. */
  spdx: string[];
  /** The text to ship next to the weights. */
  notice: string;
}

const NSFWJS_MIT = `MIT License

Copyright (c) 2019 Infinite Red, Inc.

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
`;

const APACHE = "Apache License 2.0: https://www.apache.org/licenses/LICENSE-2.0";

export function backboneLicence(id: string): BackboneLicence | undefined {
  // Every backbone built from the nsfwjs files (the default and those older runs keep) carries its weights.
  if (BUNDLED_BACKBONES.some((spec) => spec.id === id)) {
    return {
      spdx: ["MIT", "Apache-2.0"],
      notice:
        "The backbone of this model is the MobileNet v2 shipped in the npm package nsfwjs 4.4.0\n" +
        "(https://github.com/infinitered/nsfwjs), under the MIT licence below. Its early blocks are the\n" +
        `Keras Applications MobileNetV2 ImageNet weights (Google), under the ${APACHE}.\n\n` +
        NSFWJS_MIT,
    };
  }
  const hub = PRETRAINED_BACKBONES.find((entry) => entry.spec.id === id);
  if (hub?.source) {
    return {
      spdx: [hub.source.licence],
      notice: `The backbone of this model is ${hub.spec.title}, from TF Hub (${hub.source.tfHubHandle}),\nby Google, under the ${APACHE}.\n`,
    };
  }
  return undefined;
}
