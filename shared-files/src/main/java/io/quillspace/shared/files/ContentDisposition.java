package io.quillspace.shared.files;

import java.nio.charset.StandardCharsets;

/**
 * {@code Content-Disposition: attachment} for a user's file name (RFC 6266 with RFC 8187 {@code filename*}). The name
 * is data: quotes, backslashes and non-ASCII never reach the quoted {@code filename}, and path separators and
 * bidirectional controls (which could make {@code evil‮fdp.exe} display as {@code evilexe.pdf}) never reach either form.
 */
public final class ContentDisposition {

    private static final String HEX = "0123456789ABCDEF";

    private ContentDisposition() {
    }

    public static String attachment(String fileName) {
        String name = defused(fileName);
        StringBuilder ascii = new StringBuilder();
        name.codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? (char) c : '_'));
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + percentEncoded(name);
    }

    private static String defused(String fileName) {
        StringBuilder safe = new StringBuilder();
        fileName.codePoints().forEach(c -> {
            boolean separator = c == '/' || c == '\\';
            boolean control = Character.getType(c) == Character.FORMAT || Character.isISOControl(c);
            safe.appendCodePoint(separator || control ? '_' : c);
        });
        return safe.toString();
    }

    /** RFC 8187 attr-char stays, every other byte of the UTF-8 form is %XX. */
    private static String percentEncoded(String value) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean attrChar = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$&+-.^_`|~".indexOf(c) >= 0;
            if (attrChar) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xf));
            }
        }
        return encoded.toString();
    }
}
