// A synthetic OneRoster 1.1 CSV set of any size (bench and the kill test): a district, schools,
// counselors with counseling sections, students with demographics and five class enrollments each.
// Deterministic for a given seed; written with buffered appends (constant memory).
import fs from "node:fs";
import path from "node:path";

const FIRST = ["Ana", "Ben", "Chloe", "Dan", "Eli", "Fatima", "Gabriel", "Hana", "Ivan", "Jada", "Kofi", "Lucia", "Mateo", "Nia", "Omar", "Priya"];
const LAST = ["Lopez", "Kim", "Davis", "Young", "Ng", "Okafor", "Silva", "Nguyen", "Brown", "Garcia", "Patel", "Smith", "Cohen", "Rossi", "Haddad", "Jones"];

function writer(file: string) {
  const fd = fs.openSync(file, "w");
  let buf = "";
  return {
    line(s: string) {
      buf += s + "\n";
      if (buf.length > 1 << 20) (fs.writeSync(fd, buf), (buf = ""));
    },
    close() {
      fs.writeSync(fd, buf);
      fs.closeSync(fd);
    },
  };
}

export function writeSyntheticRoster(dir: string, students: number, opts: { schools?: number; seed?: number; nameSuffix?: string } = {}): void {
  fs.mkdirSync(dir, { recursive: true });
  const schools = opts.schools ?? 6;
  const counselors = Math.max(1, Math.ceil(students / 400));
  const classesPerSchool = 40;
  let seed = opts.seed ?? 1;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const w = (f: string) => writer(path.join(dir, f));

  const man = w("manifest.csv");
  man.line("propertyName,value\nmanifest.version,1.0\noneroster.version,1.1");
  for (const f of ["academicSessions", "classes", "courses", "demographics", "enrollments", "orgs", "users"]) man.line(`file.${f},bulk`);
  man.close();
  const orgs = w("orgs.csv");
  orgs.line("sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\nd1,,,Synthetic District,district,09990000,");
  for (let s = 0; s < schools; s++) orgs.line(`sch${s},,,Synthetic High School ${s},school,0999${String(s + 1).padStart(4, "0")},d1`);
  orgs.close();
  const ses = w("academicSessions.csv");
  ses.line("sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear\ny1,,,2025-2026,schoolYear,2025-07-01,2026-06-30,,2026");
  ses.close();
  const courses = w("courses.csv");
  courses.line("sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,orgSourcedId,subjects,subjectCodes");
  for (let s = 0; s < schools; s++) {
    courses.line(`crs${s},,,y1,Course ${s},C${s},,sch${s},,`);
    courses.line(`couns${s},,,y1,Counseling,CN${s},,sch${s},,`);
  }
  courses.close();
  const classes = w("classes.csv");
  classes.line("sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods");
  for (let s = 0; s < schools; s++) for (let c = 0; c < classesPerSchool; c++) classes.line(`cls${s}-${c},,,"Class ${c}, Section A",,crs${s},K${s}-${c},scheduled,,sch${s},y1,,,`);
  for (let k = 0; k < counselors; k++) classes.line(`csec${k},,,Counseling ${k},,couns${k % schools},COUNSEL-${k},homeroom,,sch${k % schools},y1,,,`);
  classes.close();

  const users = w("users.csv");
  const demo = w("demographics.csv");
  const enr = w("enrollments.csv");
  users.line(
    "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password,metadata.credittrack.role",
  );
  demo.line(
    "sourcedId,status,dateLastModified,birthDate,sex,americanIndianOrAlaskaNative,asian,blackOrAfricanAmerican,nativeHawaiianOrOtherPacificIslander,white,demographicRaceTwoOrMoreRaces,hispanicOrLatinoEthnicity",
  );
  enr.line("sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate");
  let e = 0;
  for (let k = 0; k < counselors; k++) {
    users.line(`cou${k},,,true,sch${k % schools},administrator,cou${k},,Casey,Counselor${k},,E${k},counselor${k}@synthetic.example,,,,,,counselor`);
    enr.line(`e${e++},,,csec${k},sch${k % schools},cou${k},administrator,true,,`);
  }
  const suffix = opts.nameSuffix ?? "";
  for (let i = 0; i < students; i++) {
    const k = i % counselors;
    const s = k % schools;
    const grade = 9 + (i % 4);
    users.line(`stu${i},,,true,sch${s},student,stu${i},,${FIRST[i % 16]},${LAST[(i >> 4) % 16]}${suffix},,${500000 + i},,,,,${String(grade).padStart(2, "0")},,`);
    const flags = Array.from({ length: 5 }, () => (rnd() < 0.25 ? "true" : "false"));
    if (!flags.includes("true")) flags[4] = "true";
    demo.line(
      `stu${i},,,${2007 + (i % 4)}-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")},${i % 2 ? "male" : "female"},${flags.join(",")},false,${rnd() < 0.3}`,
    );
    enr.line(`e${e++},,,csec${k},sch${s},stu${i},student,false,2025-08-27,`);
    for (let c = 0; c < 4; c++) enr.line(`e${e++},,,cls${s}-${(i + c * 7) % classesPerSchool},sch${s},stu${i},student,false,2025-08-27,`);
  }
  users.close();
  demo.close();
  enr.close();
}
