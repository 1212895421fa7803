package io.lcpr.delivery.web;

import java.math.BigDecimal;

/**
 * What the suite's report pages share: the head (styles, Apache ECharts from the service's webjar, script errors kept
 * in {@code window.__errors} where a reader and the pages' browser tests see them), escaping, and the waterfall chart
 * drawn from a JSON list of steps ({@code label}, {@code value}, {@code total}).
 */
public final class Pages {
    public static final String ECHARTS = "/webjars/echarts/5.3.1/dist/echarts.min.js";

    private Pages() {
    }

    /** The document up to the opened body: title, styles (plus {@code extraCss}), the error trap and ECharts. */
    public static StringBuilder head(String title, String extraCss) {
        return new StringBuilder().append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(title)).append("</title>")
                .append("<style>body{font-family:sans-serif;margin:2rem;max-width:64rem}table{border-collapse:collapse;"
                        + "margin:1rem 0}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:right}"
                        + "td:first-child,th:first-child{text-align:left}.chart{width:100%;height:360px}")
                .append(extraCss).append("</style>")
                .append("<script>window.__errors = []; addEventListener('error', e => __errors.push(String(e.message)));"
                        + "</script>")
                .append("<script src=\"").append(ECHARTS).append("\"></script></head><body>");
    }

    /** A JSON payload in the page, escaped, for a script to read with {@link #READ_JSON}. */
    public static String data(String id, String json) {
        return "<script id=\"" + id + "\" type=\"application/json\">" + esc(json) + "</script>";
    }

    /** {@code readJson(id)}: the payload {@link #data} wrote. */
    public static final String READ_JSON = """
            function readJson(id) {
              return JSON.parse(document.getElementById(id).textContent.replace(/&quot;/g, '"')
                .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
            }
            """;

    /**
     * {@code drawWaterfall(elementId, steps)}: an invisible base series stacked under the visible bars, so each change
     * starts where the running total stands.
     */
    public static final String WATERFALL = """
            function drawWaterfall(elementId, steps) {
              let running = 0; const base = [], bars = [];
              for (const s of steps) {
                const v = Number(s.value);
                if (s.total) { base.push(0); bars.push(v); running = v; }
                else { base.push(v >= 0 ? running : running + v); bars.push(Math.abs(v)); running += v; }
              }
              const chart = echarts.init(document.getElementById(elementId));
              chart.setOption({
                tooltip: {}, xAxis: { type: 'category', data: steps.map(s => s.label) }, yAxis: { type: 'value' },
                series: [
                  { type: 'bar', stack: 'w', data: base, itemStyle: { color: 'transparent' } },
                  { type: 'bar', stack: 'w', data: bars, label: { show: true, position: 'top' } }
                ]
              });
            }
            """;

    public static String td(BigDecimal v) {
        return "<td>" + (v == null ? "" : v.toPlainString()) + "</td>";
    }

    public static String td(Double v, String format) {
        return "<td>" + (v == null ? "" : String.format(java.util.Locale.ROOT, format, v)) + "</td>";
    }

    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
