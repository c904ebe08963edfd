// Common given names in US schools, for the student-name check: a first name followed by a capitalized
// surname is a probable full name. Broad on purpose; the check asks a person, it never edits on its own.
// Names that are also everyday words (Will, May, Grace, Hope, Joy, Summer...) count only before a
// capitalized word that is not a common word, see find-student-names.ts.

const NAMES = `
aaliyah aaron abby abdul abdullah abel abigail abraham ada adam addison adeline adrian adriana adrianna ahmad
ahmed aidan aiden ainsley aisha aiyana alan alana alani alayna albert alberto alejandra alejandro alex alexa
alexander alexandra alexis alfredo ali alice alicia alina alisha alison alivia aliyah allan allison alma alyssa
amanda amara amari amaya amber amelia amina amir amira amy ana anaya anders andre andrea andres andrew andy angel
angela angelica angelina angelo anika anita ann anna annabelle anne annie ansel anthony antonio anya april
arabella archer ari aria ariana arianna ariel arjun arlo armando arthur arturo aryan asher ashley ashton aubree
aubrey audrey august aurora austin autumn ava avery axel ayaan ayden ayla aylin bailey barbara beatrice beau
beckett bella ben benjamin bennett bentley bianca blake bobby bodhi brady brandon brayden brenda brendan brian
brianna brielle brittany brody brooke brooklyn bruce bryan bryce bryson caden caleb callie calvin camden cameron
camila camille cara carl carla carlos carmen carolina caroline carson carter casey cassandra cassidy catalina
catherine cecilia cedric celeste chance chandler charles charlie charlotte chase chelsea cheyenne chloe chris
christian christina christopher claire clara clarissa claudia clay clayton cole colin colton connor cooper
cora corbin cristian cristina crystal cynthia daisy dakota dallas dalton damian damon dana daniel daniela
danielle danny dante darius david dawson dean declan deja delaney derek desmond destiny devin devon diana
diego dominic dominick donovan dorothy drake dylan easton eden edgar eduardo edward edwin eli eliana elias
elijah elisa elise eliza elizabeth ella elle ellie elliot elliott eloise elsa ember emerson emilia emiliano
emily emma emmanuel emmett enrique eric erica erik erin ernesto esme esperanza esteban esther ethan eva evan
evangeline evelyn everett ezekiel ezra fabian faith farah fatima felicity felipe felix fernando finley finn
fiona francesca francisco frank franklin freddie gabriel gabriela gabriella gael gage garrett gavin gemma
genesis george georgia gerardo giana gianna gideon gillian giovanni gisele giselle grayson greyson griffin
guadalupe gustavo hadley hailey haley hamza hana hannah harley harmony harper harrison harry harvey hassan
hayden hazel heaven heidi helen henry hector holden hudson hugo hunter ian ibrahim imani isaac isabel isabella
isabelle isaiah isla ismael israel itzel ivan ivy izabella jack jackson jacob jacqueline jada jade jaden jaiden
jake jalen jamal james jameson jamie jane janelle janet jared jasmine jason javier jax jaxon jayce jayden jayla
jaylen jazmin jeffrey jenna jennifer jeremiah jeremy jesse jessica jesus jillian jimena joanna joaquin jocelyn
joel john johnny jonah jonathan jordan jorge jose joseph joshua josiah josie joy juan juanita judah jude julia
julian juliana julie juliet julio julius june justin kai kaiden kaitlyn kaleb kamila karen karina karla karson
kate katelyn katherine kathryn katie kayden kayla kaylee keegan keira kelly kelsey kendall kendra kennedy kenneth
kenzie kevin khalil khloe kiara kimberly king kingston kinsley kira kobe kyla kylie kyle laila lana landon
laura lauren layla leah leila leland lena leo leon leonardo levi lewis lia liam lila lilah liliana lillian
lily lincoln linda lindsey lisa logan lola london lorenzo louis lucas lucia luciana lucy luis luka lukas luke
luna lydia lyla mackenzie macy madeline madelyn madison maeve maggie makayla malachi malia malik mallory manuel
marco marcus margaret maria mariah mariana marie marisol mark marley martin mary mason mateo matias matthew
maureen max maxwell maya mckenzie megan mehmet melanie melissa mia micah michael michelle miguel mila milan
miles miley mohamed mohammad mohammed molly monica morgan muhammad mya myles nadia naomi natalia natalie
nathan nathaniel nayeli nevaeh nicholas nicole nikolai nina noah noel nolan nora norah oakley octavia oliver
olivia omar oscar owen paige paisley pablo paola parker patricia patrick paul payton penelope peter peyton
phoebe piper preston priscilla quentin quinn rachel rafael raina ramon raquel raul raven ray raymond reagan
rebecca reese reid renata ricardo richard riley river robert roberto rocco rodrigo roman romeo rosa rosalie
rose rowan ruby ryan ryder rylee sabrina sadie sage salma samantha samara samir samuel santiago sara sarah
sasha savannah sawyer scarlett sean sebastian selena serena sergio seth shawn shelby sienna sierra silas simon
sofia sophia sophie spencer stella stephanie stephen steven sydney sylvia talia tanner tatiana taylor teagan
teresa tessa theo theodore thomas timothy tobias tristan troy tucker tyler valentina valeria valerie vanessa
vera veronica victor victoria vincent violet vivian wade walker wesley weston william willow wyatt xavier
ximena yahir yara yasmin yusuf zachary zahra zane zara zayden zion zoe zoey
aditya ananya arnav ishaan kavya priya rohan sanjay vihaan anjali deepa raj ravi sai wei ming li mei jun hiroshi
yuki kenji haruto sakura minh linh tuan anh bao kim min jin soo hyun ji chen lin xin hao ngozi chidi amaka kwame
kofi ama abena oluwaseun tunde yetunde aryan zainab omar tariq layan noor yousef mariam kiri aroha tama
`;

export const GIVEN_NAMES: ReadonlySet<string> = new Set(NAMES.split(/\s+/).filter(Boolean));
