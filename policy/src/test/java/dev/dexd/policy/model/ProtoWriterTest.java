package dev.dexd.policy.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The wire encoding against known protobuf bytes, and the reader against the writer. */
class ProtoWriterTest {

    @Test
    void encodesVarintsAsProtobufDoes() {
        assertArrayEquals(bytes(0x08, 0x96, 0x01), new ProtoWriter().varintField(1, 150).toByteArray());
        assertArrayEquals(bytes(0x00), new ProtoWriter().varint(0).toByteArray());
        assertArrayEquals(bytes(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01),
            new ProtoWriter().varint(-1).toByteArray());
    }

    @Test
    void encodesStringsAndNestedMessages() {
        assertArrayEquals(bytes(0x12, 0x07, 't', 'e', 's', 't', 'i', 'n', 'g'),
            new ProtoWriter().stringField(2, "testing").toByteArray());
        ProtoWriter inner = new ProtoWriter().varintField(1, 150);
        assertArrayEquals(bytes(0x1A, 0x03, 0x08, 0x96, 0x01), new ProtoWriter().messageField(3, inner).toByteArray());
    }

    @Test
    void encodesFixedWidthLittleEndian() {
        assertArrayEquals(bytes(0x0D, 0x00, 0x00, 0x80, 0x3F), new ProtoWriter().floatField(1, 1.0f).toByteArray());
        assertArrayEquals(bytes(0x11, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08),
            new ProtoWriter().fixed64Field(2, 0x0807060504030201L).toByteArray());
    }

    @Test
    void readerReadsWhatWriterWritesAndSkipsEveryWireType() {
        ProtoWriter w = new ProtoWriter(16)
            .varintField(1, Long.MIN_VALUE)
            .fixed64Field(2, 0x1122334455667788L)
            .fixed32Field(3, 0xCAFEBABE)
            .stringField(4, "héllo")
            .messageField(5, new ProtoWriter().varintField(1, 300));
        byte[] data = w.toByteArray();

        ProtoReader r = new ProtoReader(data);
        assertEquals((1 << 3) | WireType.VARINT, r.readTag());
        assertEquals(Long.MIN_VALUE, r.readVarint());
        r.readTag();
        assertEquals(0x1122334455667788L, r.readFixed64());
        r.readTag();
        assertEquals(0xCAFEBABE, r.readFixed32());
        r.readTag();
        assertEquals("héllo", r.readString());
        r.readTag();
        ProtoReader nested = r.readMessage();
        assertEquals((1 << 3), nested.readTag());
        assertEquals(300, nested.readVarint());
        assertFalse(nested.hasRemaining());
        assertFalse(r.hasRemaining());

        ProtoReader skipper = new ProtoReader(data);
        int fields = 0;
        while (skipper.hasRemaining()) {
            skipper.skip(skipper.readTag());
            fields++;
        }
        assertEquals(5, fields);
    }

    @Test
    void readerRejectsTruncationGroupsAndOverlongLengths() {
        MalformedProtoException e = assertThrows(MalformedProtoException.class, () -> {
            ProtoReader r = new ProtoReader(bytes(0x08, 0x96));
            r.skip(r.readTag());
        });
        assertTrue(e.getMessage().contains("truncated varint"), e.getMessage());
        e = assertThrows(MalformedProtoException.class, () -> new ProtoReader(bytes(0x0B)).readTag());
        assertTrue(e.getMessage().contains("start-group"), e.getMessage());
        e = assertThrows(MalformedProtoException.class, () -> new ProtoReader(bytes(0x00)).readTag());
        assertTrue(e.getMessage().contains("invalid field key"), e.getMessage());
        e = assertThrows(MalformedProtoException.class, () -> {
            ProtoReader r = new ProtoReader(bytes(0x12, 0x05, 'a'));
            r.readTag();
            r.readString();
        });
        assertTrue(e.getMessage().contains("runs past the end"), e.getMessage());
        e = assertThrows(MalformedProtoException.class, () -> {
            ProtoReader r = new ProtoReader(bytes(0x0D, 0x01, 0x02));
            r.skip(r.readTag());
        });
        assertTrue(e.getMessage().contains("truncated fixed32"), e.getMessage());
    }

    @Test
    void growsPastItsInitialCapacity() {
        ProtoWriter w = new ProtoWriter(1);
        byte[] big = new byte[100_000];
        big[99_999] = 7;
        w.bytesField(1, big);
        byte[] data = w.toByteArray();
        assertEquals(1 + 3 + 100_000, data.length);
        assertEquals(7, data[data.length - 1]);
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
