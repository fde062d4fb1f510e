// mocha's own browser build (node_modules/mocha/mocha.js): importing it defines the
// globals `mocha` and `Mocha` (typed by @types/mocha).
declare module 'mocha/mocha.js' {}
