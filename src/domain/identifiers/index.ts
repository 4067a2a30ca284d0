export { normaliseIdentifier } from './normalise';
export { ineControlDigit, nifControlNumber } from './check-digits';
export { parseIne, restoreIneZeros, type IneParse } from './ine';
export { parseCodiEns, deriveCodiEns, type CodiEnsParse } from './ine10';
export { parseNif, type NifParse } from './nif';
export { parseDir3, ajuntamentDir3, AJUNTAMENT_DIR3_PREFIX, type Dir3Parse } from './dir3';
