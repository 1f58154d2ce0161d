/**
 * The CSTA service model: the ECMA-269 requests, results, errors and events the gateway uses,
 * as immutable records independent of the wire encoding. Device identifiers are opaque strings.
 */
package org.cloudgate.csta.model;
