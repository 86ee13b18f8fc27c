package berth.logging.jsonfile;

/** UTF-8 validation as Go's {@code utf8.DecodeRune} sees it (no overlongs, no surrogates, at most U+10FFFF). */
final class Utf8 {
    private Utf8() {}

    /** The length of the valid multi-byte sequence at {@code i} (lead byte ≥ 0x80), or 0 when it is invalid. */
    static int validLength(byte[] s, int i, int n) {
        int b0 = s[i] & 0xff;
        if (b0 < 0xc2 || b0 > 0xf4) {
            return 0;
        }
        if (b0 < 0xe0) {
            return i + 1 < n && cont(s[i + 1]) ? 2 : 0;
        }
        if (i + 1 >= n) {
            return 0;
        }
        int b1 = s[i + 1] & 0xff;
        int lo = 0x80;
        int hi = 0xbf;
        if (b0 == 0xe0) {
            lo = 0xa0;
        } else if (b0 == 0xed) {
            hi = 0x9f;
        } else if (b0 == 0xf0) {
            lo = 0x90;
        } else if (b0 == 0xf4) {
            hi = 0x8f;
        }
        if (b1 < lo || b1 > hi) {
            return 0;
        }
        if (b0 < 0xf0) {
            return i + 2 < n && cont(s[i + 2]) ? 3 : 0;
        }
        return i + 3 < n && cont(s[i + 2]) && cont(s[i + 3]) ? 4 : 0;
    }

    private static boolean cont(byte b) {
        return (b & 0xc0) == 0x80;
    }
}
