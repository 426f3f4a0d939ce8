package io.github.discountcard.client;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.github.discountcard.client.model.UpdateOrderRequest;
import org.jspecify.annotations.Nullable;

/** Checks input before anything is sent; every problem names its field. */
final class RequestValidation {

    static final int MAX_OUT_ORDER_NO_LENGTH = 64;

    private static final Pattern OUT_TRADE_NO = Pattern.compile("[0-9A-Za-z_|*-]{1,32}");

    private RequestValidation() {
    }

    static List<String> outOrderNo(@Nullable String outOrderNo) {
        List<String> problems = new ArrayList<>();
        if (outOrderNo == null || outOrderNo.isBlank()) {
            problems.add("out_order_no is required");
        }
        else if (outOrderNo.length() > MAX_OUT_ORDER_NO_LENGTH) {
            problems.add("out_order_no must be at most " + MAX_OUT_ORDER_NO_LENGTH + " characters but has "
                    + outOrderNo.length());
        }
        else if (hasSpaceOrControl(outOrderNo)) {
            problems.add("out_order_no must not contain whitespace or control characters");
        }
        else if (outOrderNo.equals(".") || outOrderNo.equals("..")) {
            problems.add("out_order_no must not be '" + outOrderNo + "' (a relative path segment)");
        }
        return problems;
    }

    private static boolean hasSpaceOrControl(String value) {
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) {
                return true;
            }
            i += Character.charCount(c);
        }
        return false;
    }

    static List<String> outTradeNo(@Nullable String outTradeNo) {
        if (outTradeNo == null || outTradeNo.isEmpty()) {
            return List.of("out_trade_no is required");
        }
        if (!OUT_TRADE_NO.matcher(outTradeNo).matches()) {
            return List.of("out_trade_no must be 1 to 32 characters of digits, letters and _-|* but was '"
                    + shorten(outTradeNo) + "'");
        }
        return List.of();
    }

    static List<String> update(@Nullable String outOrderNo, @Nullable UpdateOrderRequest request) {
        List<String> problems = new ArrayList<>(outOrderNo(outOrderNo));
        if (request == null) {
            problems.add("the update request is required");
        }
        else {
            problems.addAll(request.problems());
        }
        return problems;
    }

    private static String shorten(String value) {
        String shortened = (value.length() > 40) ? value.substring(0, 40) + "..." : value;
        return shortened.replaceAll("\\p{Cntrl}", "?");
    }
}
