// Validation errors are raised by the model (dashboard.build()) and by the project renderer;
// they live with the model, which sits below render in the layering.
export { formatProblem, isValidationError, ValidationError, type Problem } from '../model/validation-error.js';
