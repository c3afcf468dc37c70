/**
 * An optional drawn signature: a canvas the signatory draws on with a finger or a mouse,
 * copied into a hidden field as a PNG data URL. Without JavaScript the field stays empty.
 */
import { useEffect, useRef, useState } from "react";
import { useI18n } from "~/lib/i18n/react";

export function SignaturePad({ name }: { name: string }) {
  const { t } = useI18n();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [value, setValue] = useState("");
  const drawing = useRef(false);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const context = canvas.getContext("2d");
    if (!context) return;
    context.lineWidth = 2.2;
    context.lineCap = "round";
    context.lineJoin = "round";
    context.strokeStyle = "#0b3a30";
    const point = (event: PointerEvent) => {
      const box = canvas.getBoundingClientRect();
      return {
        x: ((event.clientX - box.left) * canvas.width) / box.width,
        y: ((event.clientY - box.top) * canvas.height) / box.height,
      };
    };
    const down = (event: PointerEvent) => {
      drawing.current = true;
      canvas.setPointerCapture(event.pointerId);
      const p = point(event);
      context.beginPath();
      context.moveTo(p.x, p.y);
    };
    const move = (event: PointerEvent) => {
      if (!drawing.current) return;
      const p = point(event);
      context.lineTo(p.x, p.y);
      context.stroke();
    };
    const up = () => {
      if (!drawing.current) return;
      drawing.current = false;
      setValue(canvas.toDataURL("image/png"));
    };
    canvas.addEventListener("pointerdown", down);
    canvas.addEventListener("pointermove", move);
    canvas.addEventListener("pointerup", up);
    canvas.addEventListener("pointerleave", up);
    return () => {
      canvas.removeEventListener("pointerdown", down);
      canvas.removeEventListener("pointermove", move);
      canvas.removeEventListener("pointerup", up);
      canvas.removeEventListener("pointerleave", up);
    };
  }, []);

  const clear = () => {
    const canvas = canvasRef.current;
    canvas?.getContext("2d")?.clearRect(0, 0, canvas.width, canvas.height);
    setValue("");
  };

  return (
    <div className="space-y-1">
      <p className="text-sm font-medium text-slate-800">
        {t("signing.drawing")} <span className="font-normal text-slate-500">({t("form.optional")})</span>
      </p>
      <canvas
        ref={canvasRef}
        width={600}
        height={180}
        className="h-36 w-full touch-none rounded-md bg-white ring-1 ring-slate-300"
        aria-label={t("signing.drawing")}
        data-testid="signature-pad"
      />
      <input type="hidden" name={name} value={value} />
      <button type="button" onClick={clear} className="text-sm text-brand-700 underline">
        {t("signing.clearDrawing")}
      </button>
    </div>
  );
}
