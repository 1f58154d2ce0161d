/** The daemon: settings, lifecycle, admin HTTP, metrics and the command line. */
package org.cloudgate.core;
