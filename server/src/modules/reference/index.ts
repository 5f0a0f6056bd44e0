/** The reference module's public surface for other modules. */
export { candidatePrefix, meaningfulWords, readConcept } from './concept-ranking.js';
export { naceLabels, preferredLabels, preferredLabelsIn } from './reference.repository.js';
export { iscoName } from './reference.service.js';
export { conceptIndexFor } from './interpret/interpret.service.js';
