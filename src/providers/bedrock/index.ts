// Filled in by the bedrock adapter work.
export {};
