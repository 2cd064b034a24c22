import Link from "next/link";

export default function StudentNotFound() {
  return (
    <>
      <h1 className="text-2xl font-bold">Student not found</h1>
      <p className="mt-2">This student does not exist or is not on your caseload.</p>
      <Link href="/caseload" className="mt-4 inline-block text-blue-800 underline">
        Back to the caseload
      </Link>
    </>
  );
}
