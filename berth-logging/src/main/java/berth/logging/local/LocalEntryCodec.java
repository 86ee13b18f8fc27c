package berth.logging.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The protobuf wire form of {@link LocalEntry}, framed as the local driver frames it: a big-endian uint32
 * length, the message, the same length again (so a reader can walk back from the end for {@code --tail}).
 *
 * <p>Written by hand rather than with protobuf-java: the format is two fixed proto3 messages of eight
 * scalar fields, which needs only varints and length-delimited fields; protobuf-java would bring
 * generated code (or a hand-built descriptor) and a 1.9 MB jar for that. Fields are written in field
 * order and defaults are left out, as gogo-protobuf's marshaller does, so the bytes equal dockerd's.
 */
final class LocalEntryCodec {
    static final int FRAME = 4;
    /** dockerd refuses records over 1 MB (local/read.go {@code maxMsgLen}). */
    static final int MAX_MESSAGE = 1_000_000;

    private byte[] out = new byte[2048];
    private int len;

    /** The framed record; valid until the next call. */
    byte[] encode(LocalEntry e) {
        len = FRAME;
        if (!e.source().isEmpty()) {
            bytesField(1, e.source().getBytes(StandardCharsets.UTF_8));
        }
        if (e.timeNano() != 0) {
            tag(2, 0);
            varint(e.timeNano());
        }
        if (e.line().length > 0) {
            bytesField(3, e.line());
        }
        if (e.partial()) {
            tag(4, 0);
            varint(1);
        }
        if (e.partialMetadata().isPresent()) {
            LocalEntry.PartialMetadata md = e.partialMetadata().get();
            byte[] id = md.id().getBytes(StandardCharsets.UTF_8);
            int size = (md.last() ? 2 : 0)
                    + (id.length > 0 ? 1 + varintSize(id.length) + id.length : 0)
                    + (md.ordinal() != 0 ? 1 + varintSize(md.ordinal()) : 0);
            tag(5, 2);
            varint(size);
            if (md.last()) {
                tag(1, 0);
                varint(1);
            }
            if (id.length > 0) {
                bytesField(2, id);
            }
            if (md.ordinal() != 0) {
                tag(3, 0);
                varint(md.ordinal()); // int32: negatives sign-extend to ten bytes
            }
        }
        int size = len - FRAME;
        putInt(0, size);
        ensure(FRAME);
        putInt(len, size);
        len += FRAME;
        return out;
    }

    /** Length of the record {@link #encode} returned last, frames included. */
    int length() {
        return len;
    }

    /** Decodes the message between the frames ({@code buf[off..off+len)}). */
    static LocalEntry decode(byte[] buf, int off, int len) throws IOException {
        Reader r = new Reader(buf, off, off + len);
        String source = "";
        long timeNano = 0;
        byte[] line = new byte[0];
        boolean partial = false;
        Optional<LocalEntry.PartialMetadata> md = Optional.empty();
        while (r.more()) {
            long key = r.varint();
            int field = (int) (key >>> 3);
            int wire = (int) (key & 7);
            switch (field) {
                case 1 -> source = new String(r.bytes(wire), StandardCharsets.UTF_8);
                case 2 -> timeNano = r.scalar(wire);
                case 3 -> line = r.bytes(wire);
                case 4 -> partial = r.scalar(wire) != 0;
                case 5 -> md = Optional.of(decodeMetadata(r.bytes(wire)));
                default -> r.skip(wire);
            }
        }
        return new LocalEntry(source, timeNano, line, partial, md);
    }

    private static LocalEntry.PartialMetadata decodeMetadata(byte[] b) throws IOException {
        Reader r = new Reader(b, 0, b.length);
        boolean last = false;
        String id = "";
        int ordinal = 0;
        while (r.more()) {
            long key = r.varint();
            int wire = (int) (key & 7);
            switch ((int) (key >>> 3)) {
                case 1 -> last = r.scalar(wire) != 0;
                case 2 -> id = new String(r.bytes(wire), StandardCharsets.UTF_8);
                case 3 -> ordinal = (int) r.scalar(wire);
                default -> r.skip(wire);
            }
        }
        return new LocalEntry.PartialMetadata(last, id, ordinal);
    }

    static int readInt(byte[] b, int off) {
        return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }

    private void putInt(int at, int v) {
        out[at] = (byte) (v >>> 24);
        out[at + 1] = (byte) (v >>> 16);
        out[at + 2] = (byte) (v >>> 8);
        out[at + 3] = (byte) v;
    }

    private void bytesField(int field, byte[] b) {
        tag(field, 2);
        varint(b.length);
        ensure(b.length);
        System.arraycopy(b, 0, out, len, b.length);
        len += b.length;
    }

    private void tag(int field, int wire) {
        varint(((long) field << 3) | wire);
    }

    private void varint(long v) {
        ensure(10);
        while ((v & ~0x7fL) != 0) {
            out[len++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out[len++] = (byte) v;
    }

    private static int varintSize(long v) {
        int n = 1;
        while ((v & ~0x7fL) != 0) {
            v >>>= 7;
            n++;
        }
        return n;
    }

    private void ensure(int more) {
        if (len + more > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, len + more));
        }
    }

    /** Reads protobuf wire values from a byte range. */
    private static final class Reader {
        private final byte[] b;
        private int pos;
        private final int end;

        Reader(byte[] b, int pos, int end) {
            this.b = b;
            this.pos = pos;
            this.end = end;
        }

        boolean more() {
            return pos < end;
        }

        long varint() throws IOException {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= end) {
                    throw new IOException("truncated varint in log entry");
                }
                byte x = b[pos++];
                v |= (long) (x & 0x7f) << shift;
                if (x >= 0) {
                    return v;
                }
            }
            throw new IOException("malformed varint in log entry");
        }

        long scalar(int wire) throws IOException {
            if (wire != 0) {
                throw new IOException("unexpected wire type " + wire + " for a scalar in log entry");
            }
            return varint();
        }

        byte[] bytes(int wire) throws IOException {
            if (wire != 2) {
                throw new IOException("unexpected wire type " + wire + " for bytes in log entry");
            }
            long n = varint();
            if (n < 0 || n > end - pos) {
                throw new IOException("truncated field in log entry");
            }
            byte[] v = Arrays.copyOfRange(b, pos, pos + (int) n);
            pos += (int) n;
            return v;
        }

        void skip(int wire) throws IOException {
            switch (wire) {
                case 0 -> varint();
                case 1 -> pos += 8;
                case 2 -> bytes(2);
                case 5 -> pos += 4;
                default -> throw new IOException("unsupported wire type " + wire + " in log entry");
            }
            if (pos > end) {
                throw new IOException("truncated field in log entry");
            }
        }
    }
}
