/**
 * Typed, asynchronous CSTA call control (ECMA-269 clauses 17 and 21) over the link.
 */
package org.cloudgate.csta.control;
