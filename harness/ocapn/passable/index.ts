/** The OCapN passable model (`ocapn-protocol.md` §2): JS shapes and their Syrup mapping. */
export * from './model.js';
export * from './codec.js';
