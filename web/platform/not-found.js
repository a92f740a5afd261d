// not-found.js: the "page not found" page only fills the header's
// signed-in box and navigation; everything else on it is plain HTML.
import { initPage } from './ui.js';

initPage().catch(() => { /* the header says so */ });
