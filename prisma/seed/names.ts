// Name pools for generated students, by the federal race/ethnicity category the student is
// reported under. Varied on purpose (Latin American, Caribbean, West African, East and South
// Asian, Irish/Italian/Portuguese New England…); a generated name is never a real person.
import type { Rng } from "./prng";

type Race = "HISPANIC_LATINO" | "AMERICAN_INDIAN_ALASKA_NATIVE" | "ASIAN" | "BLACK_AFRICAN_AMERICAN" | "NATIVE_HAWAIIAN_PACIFIC_ISLANDER" | "WHITE" | "TWO_OR_MORE";

const w = (s: string) => s.split(/\s+/).filter(Boolean);

const FIRST_F: Record<string, string[]> = {
  latin: w(
    "Sofia Valentina Camila Isabella Mariana Daniela Gabriela Ashley Yaretzi Ximena Lucia Andrea Natalia Genesis Jazmin Paola Alejandra Karla Melanie Yamilet Dayana Esmeralda Leslie Brianna Julissa Nayeli Rosa Carolina",
  ),
  black: w(
    "Aaliyah Imani Nia Zuri Jada Kiara Destiny Amara Makayla Taliyah Naomi Ayanna Fatoumata Chidinma Adaeze Esther Nadege Mirlande Kayla Jasmine Tiana Shanice Aisha Halima Sasha Monique Janelle",
  ),
  white: w("Emma Olivia Ava Abigail Emily Madison Hannah Grace Caroline Claire Molly Siobhan Bridget Erin Julia Anna Sarah Lauren Megan Katherine Ella Chloe Lily Riley Maeve"),
  asian: w("Linh Mai Thu Ngoc Anh Mei Xin Yuki Hana Jiwoo Seo-yeon Priya Ananya Aditi Sreyleak Sokha Kim Lan Fatima Ayesha Tran Jasmine Joy Grace Vy"),
  native: w("Aiyana Winona Leilani Kalani Malia Keala Nizhoni Tala Halona Kaiah Moana Leinani"),
};
const FIRST_M: Record<string, string[]> = {
  latin: w(
    "Mateo Santiago Diego Luis Carlos Jose Juan Miguel Angel Adrian Jesus Kevin Brandon Christian Alexis Jonathan Josue Eduardo Emmanuel Ricardo Javier Bryan Anthony Dylan Franklin Wilmer Yadiel",
  ),
  black: w(
    "Jayden Malik Jamal Darius Isaiah Elijah Xavier Andre Tyrese Marcus Kofi Kwame Chinedu Emeka Jean-Pierre Wilson Reginald Terrell DeShawn Jalen Amadou Ibrahim Moussa Samuel Daniel Kenny",
  ),
  white: w("Liam Noah James Jack Connor Ryan Patrick Owen Aidan Liam Brendan Michael Matthew Nicholas Thomas William Henry Lucas Ethan Tyler Cole Dominic Joseph Anthony Sean"),
  asian: w("Minh Duc Huy Khang Bao Wei Jun Hao Hiroshi Kenji Min-jun Ji-ho Arjun Rohan Aarav Vikram Sovann Dara Rithy Kevin Eric Andrew Ryan Daniel Tuan Long"),
  native: w("Koa Kai Makoa Keanu Ahanu Elan Takoda Nodin Kele Hania Kanoa Ikaika"),
};
const FIRST_X = w("Alex Jordan Taylor Morgan Riley Avery Quinn Rowan Sage River Jesse Skyler Kai Emerson Phoenix Dakota");

const LAST: Record<string, string[]> = {
  latin: w(
    "Rodriguez Martinez Hernandez Lopez Gonzalez Perez Sanchez Ramirez Torres Flores Rivera Gomez Diaz Reyes Cruz Morales Ortiz Gutierrez Chavez Ramos Castillo Jimenez Vargas Mendoza Pena Rosario Santana Nunez Medina Vasquez Cabrera Almonte Baez Polanco Guzman Figueroa Colon Velez Aguilar Soto",
  ),
  black: w(
    "Johnson Williams Brown Jones Davis Jackson Harris Robinson Thomas Walker Washington Jefferson Lewis Coleman Brooks Okafor Okonkwo Adeyemi Mensah Diallo Traore Toussaint Pierre Jean-Baptiste Joseph Charles Baptiste Louis Francois Kamara Bangura Mohamed Abdi Hassan Warsame Tesfaye Bekele Campbell Grant",
  ),
  white: w(
    "Murphy Sullivan O'Brien Kelly Walsh McCarthy Doherty Fitzgerald Ryan Kennedy Smith Miller Anderson Moore Taylor Martin Russo Romano Ferrara DeLuca Marino Costa Medeiros Silva Pereira Souza Mendes Cohen Goldberg Novak Kowalski Nowak Brennan Flaherty Callahan Hughes Clarke Wright",
  ),
  asian: w(
    "Nguyen Tran Le Pham Hoang Vu Dang Bui Do Huynh Chen Wang Li Zhang Liu Huang Lin Wu Zhou Kim Lee Park Choi Jung Patel Shah Singh Kumar Sharma Gupta Chhim Sok Chea Pich Tanaka Sato Yamamoto Rahman Hossain",
  ),
  native: w("Begay Yazzie Tsosie Benally Nakai Running-Bear Whitehorse Littlewolf Kahananui Kealoha Akana Kamakea Fonoti Tuiasosopo Taufa Aumua"),
};

function pools(race: Race): [string, string] {
  switch (race) {
    case "HISPANIC_LATINO":
      return ["latin", "latin"];
    case "BLACK_AFRICAN_AMERICAN":
      return ["black", "black"];
    case "WHITE":
      return ["white", "white"];
    case "ASIAN":
      return ["asian", "asian"];
    case "AMERICAN_INDIAN_ALASKA_NATIVE":
    case "NATIVE_HAWAIIAN_PACIFIC_ISLANDER":
      return ["native", "native"];
    case "TWO_OR_MORE":
      return ["white", "black"];
  }
}

/** First, middle (or null) and last name for a student of this race/ethnicity and gender. */
export function studentName(rng: Rng, race: Race, gender: "FEMALE" | "MALE" | "NON_BINARY") {
  const [firstPool, lastPool] = pools(race);
  // Names cross pools sometimes, as they do in any district.
  const fp = rng.chance(0.12) ? rng.pick(["latin", "black", "white", "asian"]) : firstPool;
  const lp = race === "TWO_OR_MORE" ? rng.pick(["latin", "black", "white", "asian"]) : lastPool;
  const table = gender === "FEMALE" ? FIRST_F : gender === "MALE" ? FIRST_M : null;
  const firstName = table ? rng.pick(table[fp]) : rng.pick(FIRST_X);
  const middle = rng.chance(0.55) ? rng.pick((table ?? FIRST_F)[rng.pick(["latin", "black", "white", "asian"])]) : null;
  const lastName = rng.pick(LAST[lp]);
  return { firstName, middleName: middle === firstName ? null : middle, lastName };
}

/** Staff names for generated (non-demo) counselors and admins at district scale. */
export function staffName(rng: Rng): string {
  const pool = rng.pick(["latin", "black", "white", "asian"]);
  const first = rng.chance(0.5) ? rng.pick(FIRST_F[pool]) : rng.pick(FIRST_M[pool]);
  return `${first} ${rng.pick(LAST[pool])}`;
}
