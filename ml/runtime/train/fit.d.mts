export declare class TrainingCancelled extends Error {}
export declare function yieldToEventLoop(): Promise<void>;
