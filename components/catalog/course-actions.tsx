"use client";
import { ConfirmForm } from "@/components/ui/confirm-form";
import { deleteCourseAction, moveEnrollmentsAction, setCourseActiveAction } from "@/lib/catalog/actions";

type Course = { id: string; title: string; active: boolean };

/** Retire (no new enrollments) or reactivate a course, after a confirmation. */
export function CourseActiveForm({ course }: { course: Course }) {
  const verb = course.active ? "Retire" : "Reactivate";
  return (
    <ConfirmForm
      action={setCourseActiveAction}
      label={`${verb} ${course.title}`}
      button={verb}
      question={course.active ? `Retire ${course.title}? It takes no new enrollments; current ones go on.` : `Reactivate ${course.title}?`}
      confirm={`Yes, ${verb.toLowerCase()}`}
      fields={{ courseId: course.id, active: course.active ? "false" : "true" }}
    />
  );
}

/** Delete a course nobody ever enrolled in (the server refuses any other: retire it instead). */
export function CourseDeleteForm({ course }: { course: Course }) {
  return (
    <ConfirmForm
      action={deleteCourseAction}
      label={`Delete ${course.title}`}
      button="Delete"
      question={`Delete ${course.title} and its assessments for good?`}
      confirm="Yes, delete"
      fields={{ courseId: course.id }}
    />
  );
}

/** Move the course's active enrollments on older versions to the current one. */
export function MoveEnrollmentsForm({ course, count, version }: { course: Course; count: number; version: number }) {
  return (
    <ConfirmForm
      action={moveEnrollmentsAction}
      label={`Move active enrollments of ${course.title} to version ${version}`}
      button={`Move ${count} active enrollment${count === 1 ? "" : "s"} to version ${version}`}
      question={`Grade ${count === 1 ? "this enrollment" : `these ${count} enrollments`} on version ${version} from now on? Results move to the assessment at the same position.`}
      confirm="Yes, move them"
      fields={{ courseId: course.id }}
    />
  );
}
