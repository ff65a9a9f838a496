package dev.dexd.policy.model;

/** Bytes that are not valid protobuf wire format; the message says what and at which byte. */
final class MalformedProtoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedProtoException(String message) {
        super(message);
    }
}
