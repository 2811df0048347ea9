export declare function mulberry32(seed: number): () => number;
export declare function deriveSeed(seed: number, ...purpose: Array<string | number>): number;
export declare function shuffleInPlace<T>(items: T[], random: () => number): T[];
