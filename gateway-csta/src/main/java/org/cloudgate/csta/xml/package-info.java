/**
 * ECMA-323 XML: documents in the ed3, ed4 and ed5 namespaces read with a strict parser of the
 * XML subset CSTA uses and written by hand, framed as ECMA-323 Annex J.2 requires for TCP.
 */
package org.cloudgate.csta.xml;
