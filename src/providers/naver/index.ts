// Filled in by the naver adapter work.
export {};
