// Public API of cdk8s-istio. Exports only; see docs/ARCHITECTURE.md for the data flow.
export * from './errors';
export * from './synth/mesh-app';
