// Filled in by the azure adapter work.
export {};
