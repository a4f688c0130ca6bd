// Private fuzzy name matching with hardened Bloom-filter encodings (Schnell et al. 2009): the public API of src/cooperate/fuzzy.
export { bigrams, DEFAULT_BLOOM, dice, encodeName, xorFold } from './bloom.ts';
export type { BloomParams } from './bloom.ts';
export { blockKeys, compareEncoded, encodeNames } from './match.ts';
export type { CompareStats, EncodedNames, FuzzyMatch } from './match.ts';
export { createFuzzyResponder, FUZZY_VERSION, fuzzyRespond, runFuzzyRequester } from './protocol.ts';
export type { FuzzyHit, FuzzyMessage, FuzzyPolicy, FuzzyRequestOptions, FuzzyResponderState } from './protocol.ts';
