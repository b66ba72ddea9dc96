/**
 * The single-file build for static pages: registers every element and exposes the whole API,
 * `<script type="module" src="…/kube-elements/dist/bundle.js">` is all a page needs.
 */
import './define/all.js';

export * from './index.js';
