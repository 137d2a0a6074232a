export { AksNetworkSynth } from './synth';
