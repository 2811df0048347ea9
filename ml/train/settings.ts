import type { TrainMode, TrainSettings } from "../types";

export const TRAIN_MODES = ["optimise", "quick"] as const satisfies readonly TrainMode[];

export const DEFAULT_TRAIN_SETTINGS: TrainSettings = {
  mode: "optimise",
  cvFolds: 5,
  epochs: 30,
  batchSize: 32,
  learningRate: 0.001,
  validationShare: 0.2,
  testShare: 0.2,
  augment: false,
  seed: 42,
  patience: 5,
  hiddenUnits: 128,
  dropout: 0.3,
};

/** Accepted ranges; the UI's form and the server's input schema use the same numbers. */
export const TRAIN_SETTING_BOUNDS = {
  cvFolds: [2, 10],
  epochs: [1, 500],
  batchSize: [1, 512],
  learningRate: [1e-6, 1],
  validationShare: [0, 0.5],
  testShare: [0, 0.5],
  seed: [0, 2 ** 31 - 1],
  patience: [1, 100],
  hiddenUnits: [8, 2048],
  dropout: [0, 0.9],
} as const satisfies Record<string, readonly [number, number]>;

const INTEGER_SETTINGS = new Set(["cvFolds", "epochs", "batchSize", "seed", "patience", "hiddenUnits"]);

/** Fills in defaults and refuses values outside the bounds with a message naming the setting. */
export function resolveTrainSettings(partial: Partial<TrainSettings> = {}): TrainSettings {
  const settings = { ...DEFAULT_TRAIN_SETTINGS, ...stripUndefined(partial) };
  for (const [name, [min, max]] of Object.entries(TRAIN_SETTING_BOUNDS)) {
    const value = settings[name as keyof typeof TRAIN_SETTING_BOUNDS];
    if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
      throw new RangeError(`${name} must be between ${min} and ${max}, got ${String(value)}`);
    }
    if (INTEGER_SETTINGS.has(name) && !Number.isInteger(value)) throw new RangeError(`${name} must be a whole number, got ${value}`);
  }
  if (!TRAIN_MODES.includes(settings.mode)) throw new RangeError(`mode must be one of ${TRAIN_MODES.join(", ")}`);
  if (typeof settings.augment !== "boolean") throw new RangeError("augment must be true or false");
  return settings;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
