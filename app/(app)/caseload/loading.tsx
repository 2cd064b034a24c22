export default function Loading() {
  return (
    <p role="status" className="mt-6 text-slate-700">
      Loading the caseload…
    </p>
  );
}
