/** The OCapN passable model (the Model draft): JS shapes and their Syrup mapping. */
export * from './model.js';
export * from './codec.js';
