package org.cloudgate.core.directory.ldap;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import org.cloudgate.core.config.LdapSettings;

import javax.net.SocketFactory;
import javax.net.ssl.SSLException;
import java.security.GeneralSecurityException;
import java.util.List;

/**
 * Reads the user entries of the PBX's LDAP directory: connects (RFC 4511 section 5, or TLS from
 * the first octet for {@code ldaps}), binds with a simple bind (section 4.2; none when no DN is
 * set), searches the subtree of the base DN with the filter for the mapped attributes (section
 * 4.5), and disconnects. A connection per read: the directory is read every few minutes, and a
 * fresh connection cannot be left half-broken by a server restart in between. Blocks for at most
 * the connect timeout plus twice the response timeout; call it on the directory thread only.
 */
public final class LdapDirectoryReader {

    /**
     * The entries of one search.
     *
     * @throws DirectoryReadException when the server cannot be reached, refuses the bind or the
     *                                search, or does not answer in time
     */
    public List<SearchResultEntry> read(LdapSettings settings, String[] attributes) throws DirectoryReadException {
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis((int) settings.connectTimeout().toMillis());
        options.setResponseTimeoutMillis(settings.responseTimeout().toMillis());
        // No reader thread per connection: this thread waits for each answer itself.
        options.setUseSynchronousMode(true);
        SocketFactory sockets = SocketFactory.getDefault();
        if (settings.secure()) {
            // RFC 4513 section 3.1.3: the server's identity is checked against the host name.
            options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
            try {
                sockets = new SSLUtil(JVMDefaultTrustManager.getInstance()).createSSLSocketFactory();
            } catch (GeneralSecurityException e) {
                throw new DirectoryReadException(SyncFailure.TLS, "no TLS context: " + e.getMessage());
            }
        }
        LDAPConnection connection;
        try {
            connection = new LDAPConnection(sockets, options, settings.host(), settings.port());
        } catch (LDAPException e) {
            throw new DirectoryReadException(hasCause(e, SSLException.class) ? SyncFailure.TLS : SyncFailure.UNREACHABLE,
                    "cannot connect: " + rootCause(e));
        }
        try {
            bind(connection, settings);
            SearchRequest search = searchRequest(settings, attributes);
            try {
                SearchResult result = connection.search(search);
                return result.getSearchEntries();
            } catch (LDAPException e) {
                throw failure(e, SyncFailure.SEARCH, "search under \"" + settings.baseDn() + "\"", settings);
            }
        } finally {
            connection.close();
        }
    }

    private static void bind(LDAPConnection connection, LdapSettings settings) throws DirectoryReadException {
        if (settings.bindDn().isEmpty()) {
            return;
        }
        try {
            connection.bind(new SimpleBindRequest(settings.bindDn(), settings.password()));
        } catch (LDAPException e) {
            throw failure(e, SyncFailure.BIND, "bind as \"" + settings.bindDn() + "\"", settings);
        }
    }

    private static SearchRequest searchRequest(LdapSettings settings, String[] attributes)
            throws DirectoryReadException {
        try {
            SearchRequest search = new SearchRequest(settings.baseDn(), SearchScope.SUB, settings.filter(), attributes);
            search.setResponseTimeoutMillis(settings.responseTimeout().toMillis());
            return search;
        } catch (LDAPException e) {
            throw new DirectoryReadException(SyncFailure.SEARCH, "bad filter: " + describe(e));
        }
    }

    /** Lost connections and timeouts are told apart from the server's refusals. */
    private static DirectoryReadException failure(LDAPException e, SyncFailure refusal, String what,
                                                  LdapSettings settings) {
        ResultCode code = e.getResultCode();
        if (code == ResultCode.TIMEOUT) {
            return new DirectoryReadException(SyncFailure.TIMEOUT, what + ": no answer within "
                    + settings.responseTimeout().toMillis() + " ms");
        }
        if (hasCause(e, SSLException.class)) {
            return new DirectoryReadException(SyncFailure.TLS, what + ": TLS failed (" + rootCause(e) + ")");
        }
        if (code == ResultCode.SERVER_DOWN || code == ResultCode.CONNECT_ERROR) {
            return new DirectoryReadException(SyncFailure.UNREACHABLE, what + ": the connection was lost ("
                    + rootCause(e) + ")");
        }
        return new DirectoryReadException(refusal, what + " refused: " + describe(e));
    }

    /** The innermost cause, e.g. "ConnectException: Connection refused". */
    private static String rootCause(LDAPException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root == e) {
            return describe(e);
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    /** The result code and what the server or the SDK said about it; never the bind password. */
    private static String describe(LDAPException e) {
        String diagnostic = e.getDiagnosticMessage();
        if (diagnostic == null || diagnostic.isBlank()) {
            diagnostic = e.getMessage();
        }
        return e.getResultCode().getName() + (diagnostic == null || diagnostic.isBlank() ? "" : " (" + diagnostic + ")");
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
