package dev.dexd.policy.model;

/** The protobuf wire types this package writes and reads; groups (3 and 4) are obsolete and rejected. */
final class WireType {
    static final int VARINT = 0;
    static final int I64 = 1;
    static final int LEN = 2;
    static final int I32 = 5;

    private WireType() {
    }

    static String name(int wireType) {
        switch (wireType) {
            case VARINT: return "varint";
            case I64: return "fixed64";
            case LEN: return "length-delimited";
            case 3: return "start-group";
            case 4: return "end-group";
            case I32: return "fixed32";
            default: return "invalid (" + wireType + ")";
        }
    }
}
