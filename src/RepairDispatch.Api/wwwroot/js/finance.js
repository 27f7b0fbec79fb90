import { h, mount } from './ui.js';
export async function render(main) { mount(main, h('p', {}, '…')); }
