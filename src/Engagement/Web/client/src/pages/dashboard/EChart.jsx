import { useEffect, useRef, useState } from "react";
import echarts from "./echarts.js";

const at = (value, width) => (typeof value === "function" ? value(width) : value);

/**
 * One ECharts chart on a canvas (the canvas renderer and canvas-drawn tooltips set no style attributes from markup,
 * so the page's Content-Security-Policy needs no 'unsafe-inline' for them). `option` and `height` are values, or
 * functions of the chart's width in pixels (labels sized to the room there is). A data item with an `href` is a link:
 * clicking its bar or segment calls onOpen(href). The picture is an image to assistive technology, described by
 * `label`; the panel around it offers the same figures as a table.
 */
export default function EChart({ option, height, label, onOpen }) {
  const element = useRef(null);
  const chart = useRef(null);
  const open = useRef(onOpen);
  open.current = onOpen;
  const [width, setWidth] = useState(0);

  useEffect(() => {
    const instance = echarts.init(element.current, null, { renderer: "canvas" });
    instance.on("click", (event) => { if (event.data?.href) open.current?.(event.data.href); });
    chart.current = instance;
    setWidth(element.current.clientWidth);
    const resized = new ResizeObserver(() => {
      instance.resize();
      setWidth(element.current?.clientWidth ?? 0);
    });
    resized.observe(element.current);
    return () => { resized.disconnect(); instance.dispose(); chart.current = null; };
  }, []);

  useEffect(() => {
    if (!width || !chart.current) return;
    chart.current.resize();
    chart.current.setOption(at(option, width), { notMerge: true });
  }, [option, width, height]);

  return <div ref={element} className="chart" role="img" aria-label={label} style={{ height: at(height, width || 600) }} />;
}
