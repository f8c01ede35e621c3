// Start the design system's components (menus, accordions, ...) once the page is there.
if (window.DKFDS) { window.DKFDS.init(); }
