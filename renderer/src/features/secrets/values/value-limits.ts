/** The service's limits, repeated here so the renderer does not load the contract's zod schemas (tested equal). */
export const VALUE_LIMIT_CHARS = 25_600;
export const CONTENT_TYPE_LIMIT = 255;
export const TAG_LIMIT = 15;
export const TAG_TEXT_LIMIT = 512;
