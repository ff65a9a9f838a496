package dev.dexd.controller.console;

import java.util.Map;

/**
 * A line the server sends unasked ({@code watch}): "* text" in text mode, {@code {"watch": {...}}}
 * in JSON mode. It never ends a reply, so a client can tell it from one.
 *
 * @param text the line as text
 * @param data the same values by name, for JSON
 */
public record StreamLine(String text, Map<String, Object> data) {
}
