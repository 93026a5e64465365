/**
 * The OCapN wire model: the passable model (the Model draft) and its Syrup mapping, descriptors,
 * components, the operation table, its codec and the readable operation view
 * (harness/ocapn/README.md, "Operations"). Passables and descriptors are one codecs layer: a
 * passable may hold a descriptor and an operation's fields hold passables.
 */
export * from './passable-model.js';
export * from './passable-codec.js';
export * from './descriptors.js';
export * from './components.js';
export * from './operations.js';
export * from './op-labels.js';
export * from './descriptor-labels.js';
export * from './op-codec.js';
export * from './op-view.js';
export {
  toValueView,
  descView,
  peerView,
  bytesView,
  positionView,
  sigEnvelopeView,
  type BytesView,
  type FloatView as FloatValueView,
  type HandoffGiveView,
  type HandoffReceiveView,
  type SigEnvelopeView,
} from './value-view.js';
export { ShapeError } from './shape.js';
