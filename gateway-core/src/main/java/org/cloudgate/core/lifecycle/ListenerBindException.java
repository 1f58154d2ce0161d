package org.cloudgate.core.lifecycle;

/**
 * A listener could not bind its address, most often because another process holds the port.
 * The message names the address and the setting that chose it, so the operator knows what to
 * change.
 */
public final class ListenerBindException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * @param listener      what was to listen, e.g. "admin HTTP"
     * @param address       host:port it tried
     * @param key           the setting that chose the port
     * @param keyLocation   where that setting is ("cloudgate.conf:12" or "built-in default")
     */
    public ListenerBindException(String listener, String address, String key, String keyLocation, Throwable cause) {
        super("cannot listen on " + address + " for " + listener + ": " + reason(cause)
                + " (the port is set by " + key + ", " + keyLocation + ")", cause);
    }

    private static String reason(Throwable cause) {
        String message = cause.getMessage();
        if (message == null) {
            return cause.getClass().getSimpleName();
        }
        int colon = message.lastIndexOf(": ");
        return message.startsWith("bind(") && colon > 0 ? message.substring(colon + 2) : message;
    }
}
