// Types of the adapters (@openqoe/web-sdk/adapters/<name>). The players are not dependencies of the
// SDK: each adapter takes the player instance and uses only its public event API.
import type { Adapter } from './core';

export { Adapter };
export function html5(): Adapter;
/** an hls.js instance (1.x) */
export function hlsjs(hls: object): Adapter;
/** a dash.js MediaPlayer (5.x), e.g. dashjs.MediaPlayer().create() */
export function dashjs(player: object): Adapter;
/** a Shaka Player (5.x) instance, attached to the video element */
export function shaka(player: object): Adapter;
