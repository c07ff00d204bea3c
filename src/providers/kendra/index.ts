// Filled in by the kendra adapter work.
export {};
