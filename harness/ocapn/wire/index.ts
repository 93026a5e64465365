/**
 * The OCapN wire model: descriptors, components, the operation table, its codec and the
 * readable operation view (harness/ocapn/README.md, "Operations").
 */
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
