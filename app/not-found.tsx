import Link from "next/link";

export default function NotFound() {
  return (
    <div className="rounded border border-slate-200 bg-white p-6">
      <h1 className="text-xl font-semibold">Not found</h1>
      <p className="mt-2 text-slate-700">This page does not exist, or it is not part of what you can see.</p>
      <Link href="/" className="mt-4 inline-block text-blue-800 underline">
        Back to your home page
      </Link>
    </div>
  );
}
