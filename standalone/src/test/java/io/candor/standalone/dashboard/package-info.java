/** Browser tests of the web dashboard: headless Debian Chromium, driven by Selenium, against the launcher. */
package io.candor.standalone.dashboard;
