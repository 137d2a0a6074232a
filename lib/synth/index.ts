export { AksNetworkSynth } from './synth';
export type { SynthesisCheck } from './synth';
