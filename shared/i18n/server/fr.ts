import type { ServerText } from './types';

/** French for serverEn (same keys; the parity test checks keys and placeholders). */
export const serverFr = {
  summary: {
    // French puts a (non-breaking) space before a colon.
    title: '{{title}} : ce que nous avons convenu',
    noAgreement: 'La rencontre s’est terminée sans accord. C’est une issue tout à fait valable.',
    who: 'Qui : {{value}}',
    by: 'Pour quand : {{value}}',
    evidence: 'Comment saurons-nous que c’est fait : {{value}}',
    notContract:
      'Ce résumé reprend ce dont les personnes présentes à la rencontre ont convenu. Ce n’est pas un contrat juridique.',
    category: {
      acknowledgement: 'Reconnaissance',
      answers: 'Réponses et informations',
      learning: 'Enseignements et changements dans l’organisation',
      support: 'Soutien et soins',
      followup: 'Suivi et communication',
      referral: 'Orientations vers d’autres démarches',
      commitment: 'Engagements personnels',
    },
  },
  ics: {
    title: 'Rencontre avec votre facilitateur',
    description:
      'Merci d’ouvrir le lien personnel envoyé par votre facilitateur quelques minutes avant le début. Vous pourrez faire une pause ou partir à tout moment.',
  },
  email: {
    footer:
      'Ce lien n’est que pour vous. Merci de ne pas transférer cet e-mail.\nPour toute question, contactez votre facilitateur.',
    invitation: {
      subject: 'Votre invitation',
      text: 'Bonjour,\n\nVotre facilitateur vous invite à participer.\nVous pouvez ouvrir votre page personnelle ici :\n{{link}}',
    },
    time: {
      subject: 'L’heure de votre rencontre',
      text: 'Bonjour,\n\nUne heure a été choisie pour votre rencontre :\n{{when}}\n\nVotre page personnelle :\n{{link}}',
    },
    reminder: {
      subject: 'Un rappel pour demain',
      text: 'Bonjour,\n\nPour rappel, votre rencontre a lieu demain :\n{{when}}\n\nD’ici là, vous pouvez essayer la salle vidéo par vous-même depuis votre page personnelle :\n{{link}}\n\nSi vous préférez finalement ne pas participer, c’est tout à fait possible : dites-le simplement à votre facilitateur.',
    },
    due: {
      subject: 'Une étape convenue arrive à échéance',
      text: 'Bonjour,\n\nL’une des étapes convenues est prévue pour le {{date}}.\nVous pouvez voir où elle en est sur votre page personnelle :\n{{link}}',
    },
    late: {
      subject: 'Une étape convenue n’est pas encore faite',
      text: 'Bonjour,\n\nL’une des étapes convenues était prévue pour le {{date}} et n’est pas encore indiquée comme faite.\nVous pouvez voir où elle en est sur votre page personnelle :\n{{link}}',
    },
    message: {
      subject: 'Un message vous attend',
      text: 'Bonjour,\n\nVotre facilitateur vous a transmis un message.\nVous pouvez le lire sur votre page personnelle :\n{{link}}',
    },
    returned: {
      subject: 'Une note de votre facilitateur',
      text: 'Bonjour,\n\nVotre facilitateur a lu le message que vous avez écrit et vous a laissé une note à son sujet.\nVous pouvez la lire sur votre page personnelle :\n{{link}}',
    },
  },
  errors: {
    'board.itemChangedRead':
      'Ce point a changé depuis que vous l’avez lu. Merci de lire d’abord la nouvelle formulation.',
    'board.noneAgreed':
      'Aucun point n’est encore accepté ; vous pouvez plutôt noter qu’il n’y a pas d’accord.',
    'board.sayWhyNotPossible': 'Merci d’expliquer en quelques mots pourquoi ce n’est pas possible.',
    'board.ownPartyMustSee':
      'Vous ne verriez pas ce point : ajoutez votre propre partie à celles qui peuvent le voir.',
    'board.editConflict':
      'Quelqu’un a modifié ce point pendant que vous le modifiiez. Regardez la nouvelle version, puis réessayez.',
    'board.nothingChanged': 'Rien n’a changé.',
    'board.orderStale':
      'Le tableau a changé : le nouvel ordre doit reprendre chaque point une seule fois.',
    'board.mergeOnce': 'Choisissez chaque point à regrouper une seule fois.',
    'board.affectedMustSee': 'Chaque partie dont l’accord est demandé doit pouvoir voir le point.',
    'board.ownerNotInMeeting':
      'La personne chargée de ce point ne fait pas partie de cette rencontre.',
    'board.ownerGone': 'Cette personne ne peut plus être chargée d’un point.',
    'board.ownerMustSee': 'La personne chargée du point doit pouvoir le voir : ajoutez sa partie.',
    'board.facilitatorsGuide':
      'Les facilitateurs accompagnent l’accord ; ce sont les parties qui donnent leur accord.',
    'board.patientAnswers': 'Le patient est présent et répond pour la partie du patient.',
    'board.hcwAnswers':
      'Le professionnel de santé répond pour sa partie ; les personnes de soutien ne répondent pas.',
    'board.orgRepNoAnswer':
      'Les représentants de l’établissement ne répondent ni pour la partie du patient ni pour celle des professionnels de santé.',
    'board.roleNoConsent': 'Votre rôle ne vous amène pas à donner votre accord sur les points.',
    'board.partyNoConsent': 'Votre partie ne donne pas son accord sur les points.',
    'board.roleNoPropose': 'Votre rôle ne vous amène pas à proposer des points.',
    'board.full': 'Le tableau est plein. Regroupez ou retirez d’abord des points.',
    'board.finaliseAfterStart': 'Le tableau pourra être clos une fois la rencontre commencée.',
    'board.alreadyFinalised': 'Le tableau est déjà clos.',
    'board.notAsked': 'Ce point ne demande pas l’accord de votre partie.',
    'board.summaryAfterFinal': 'Le résumé pourra être accepté une fois le tableau clos.',
    'board.summaryAlreadyAgreed': 'Votre partie a déjà accepté le résumé.',
    'board.followUpAfterFinal': 'Le suivi commence une fois le tableau clos.',
    'board.followUpAgreedOnly': 'Seuls les points convenus ont un suivi.',
    'board.followUpOwner':
      'Seuls la personne chargée du point ou un facilitateur peuvent mettre à jour son avancement.',
    'board.finalised': 'Le tableau a été clos et ne peut plus changer.',
    'board.itemGone': 'Ce point n’est plus sur le tableau.',
    'room.notInRoom': 'Vous n’êtes pas dans la salle de rencontre.',
    'room.facilitatorOnly': 'Seul un facilitateur peut faire cela.',
    'room.messageGone': 'Ce message n’est plus là.',
    'room.noticeGone': 'Cet avis n’est plus là.',
    'room.requestGone': 'Cette demande n’est plus là.',
    'room.personNotInMeeting': 'Cette personne ne fait pas partie de cette rencontre.',
    'room.personNotInRoom': 'Cette personne n’est pas dans la salle.',
    'room.personNotInMeetingNow': 'Cette personne n’est pas dans la rencontre.',
    'room.personNotHere': 'Cette personne n’est pas là.',
    'room.personNotWaiting': 'Cette personne n’est pas en attente.',
    'room.personAlreadyIn': 'Cette personne fait déjà partie de cette rencontre.',
    'room.cannotJoin': 'Vous ne pouvez pas rejoindre cette rencontre.',
    'room.notPart': 'Vous ne faites pas partie de cette rencontre.',
    'room.notInMeeting': 'Vous n’êtes pas dans la rencontre.',
    'room.afterAdmit': 'Vous pourrez le faire quand le facilitateur vous aura fait entrer.',
    'room.alreadyHere': 'Vous êtes déjà là.',
    'room.locked': 'La rencontre n’accueille plus de nouvelles personnes.',
    'room.useLeave': 'Utilisez « Partir » pour quitter vous-même la rencontre.',
    'room.ownMics': 'Les facilitateurs gèrent eux-mêmes leur micro.',
    'room.ended': 'La rencontre est terminée.',
    'room.notStarted': 'La rencontre n’a pas commencé.',
    'room.alreadyStarted': 'La rencontre a déjà commencé.',
    'room.paused': 'La rencontre est en pause.',
    'room.alreadyPaused': 'La rencontre est déjà en pause.',
    'room.notPaused': 'La rencontre n’est pas en pause.',
    'room.needFacilitator': 'Un facilitateur doit être présent.',
    'room.needFacilitatorWithAll':
      'Un facilitateur doit d’abord être avec tout le monde dans la salle principale.',
    'room.facilitatorsPauseDirectly':
      'Les facilitateurs peuvent mettre directement la rencontre en pause.',
    'room.observersNoPause': 'Les observateurs ne peuvent pas demander de pause.',
    'room.pauseAlreadyAsked': 'Vous avez déjà demandé une pause. Le facilitateur va la voir.',
    'room.alreadySteppedOut': 'Vous avez déjà quitté la salle un moment.',
    'room.alreadyBack': 'Vous êtes déjà de retour.',
    'room.observersNoMessages': 'Les observateurs ne peuvent pas envoyer de messages.',
    'room.oneMessageAMinute':
      'Pendant l’attente, vous pouvez envoyer un message par minute. Merci de réessayer dans un instant.',
    'room.partyBack': 'La partie est de retour.',
    'room.graceNotOver': 'Le délai d’attente n’est pas encore écoulé.',
    'room.allDebriefed': 'Chaque partie a déjà rejoint son temps d’échange privé.',
    'room.nobodyToDebrief': 'Personne n’est là pour un temps d’échange.',
    'room.scriptBeforeStart': 'Le déroulé ne peut être modifié qu’avant le début de la rencontre.',
    'room.lastPhase': 'C’est la dernière étape.',
    'room.firstPhase': 'C’est la première étape.',
    'room.storyOnce': 'Chaque partie partage son vécu une seule fois.',
    'room.storyNeedsParty': 'Chaque étape de partage des vécus a besoin d’une partie.',
    'floor.notTaker': 'Cette personne ne prend pas la parole.',
    'floor.facilitatorsSpeak':
      'Les facilitateurs peuvent toujours parler ; donnez la parole à une partie ou à une personne.',
    'floor.partyAbsent': 'Personne de cette partie n’est dans la salle.',
    'floor.roleNoFloor': 'Votre rôle ne vous amène pas à prendre la parole.',
    'floor.notHolder': 'Vous n’avez pas la parole.',
    'floor.alreadyHolder': 'Vous avez déjà la parole.',
    'floor.alreadyAsked': 'Vous avez déjà demandé la parole.',
    'floor.notAsked': 'Vous n’avez pas demandé la parole.',
    'lead.handOverLeadOnly': 'Seul le facilitateur principal peut confier le dossier.',
    'lead.handOverToCo': 'Un dossier se confie à un co-facilitateur.',
    'lead.facilitatorAbsent': 'Ce facilitateur n’est pas dans cette rencontre.',
    'lead.cannotRemoveLead': 'Personne ne peut retirer le facilitateur principal.',
    'lead.notFacilitator': 'Cette personne n’est pas facilitateur.',
    'lead.changesByHandOver':
      'Le facilitateur principal ne change qu’en confiant le dossier à quelqu’un d’autre.',
    'side.facilitatorsHost': 'Seuls les facilitateurs peuvent accueillir une conversation privée.',
    'side.facilitatorOffline': 'Ce facilitateur n’est pas connecté.',
    'side.facilitatorBusy': 'Ce facilitateur est déjà dans une conversation privée.',
    'side.listFacilitatorsApart': 'Indiquez les facilitateurs à part.',
    'side.personBusy': 'Cette personne est déjà dans une conversation privée.',
    'side.onePersonOrParty':
      'Une conversation privée réunit une seule personne ou une seule partie.',
    'side.closed': 'Cette conversation privée est déjà fermée.',
    'auth.setupUsed': 'Ce lien de configuration a déjà servi ou n’est pas valide.',
    'auth.colleagueSetupUsed':
      'Ce lien de configuration a déjà servi, a expiré ou n’est pas valide. Merci d’en demander un nouveau à votre collègue.',
    'auth.accountExists':
      'Un compte existe déjà avec cette adresse e-mail. Merci de vous connecter plutôt.',
    'auth.tooManyAttempts':
      'Trop de tentatives. Merci de patienter quelques minutes, puis de réessayer.',
    'auth.wrongPassword': 'Cette adresse e-mail et ce mot de passe ne correspondent pas.',
    'auth.signIn': 'Merci de vous connecter.',
    'auth.busy':
      'Beaucoup de personnes se connectent en ce moment. Merci de réessayer dans un instant.',
    'auth.blocked': 'Cette demande a été bloquée pour votre sécurité. Merci de recharger la page.',
    'case.notFound': 'Ce dossier est introuvable.',
    'case.closed': 'Ce dossier est clos : on ne peut plus rien y ajouter.',
    'case.leadOnly': 'Seul le facilitateur principal de ce dossier peut faire cela.',
    'case.alreadyLead': 'Vous dirigez déjà ce dossier.',
    'case.noAccount':
      'Aucun compte facilitateur n’a été trouvé. Envoyez d’abord un lien de configuration à votre collègue.',
    'case.notAssigned': 'Ce facilitateur n’est pas associé à ce dossier.',
    'case.assignFirst': 'Ce facilitateur n’est pas associé à ce dossier. Ajoutez-le d’abord.',
    'case.personNotInCase': 'Cette personne ne fait pas partie de ce dossier.',
    'case.endMeetingFirst': 'Terminez d’abord la rencontre encore en cours.',
    'meeting.notFound': 'Cette rencontre est introuvable.',
    'meeting.cannotSee': 'Vous ne pouvez pas voir cette rencontre.',
    'link.notFound': 'Ce lien est introuvable.',
    'link.invalid':
      'Ce lien n’est pas valide. Merci d’en demander un nouveau à votre facilitateur.',
    'link.withdrawn': 'Ce lien a été retiré. Merci d’en demander un nouveau à votre facilitateur.',
    'link.expired': 'Ce lien a expiré. Merci d’en demander un nouveau à votre facilitateur.',
    'link.openAgain': 'Merci d’ouvrir à nouveau votre lien personnel.',
    'summary.notYet':
      'Le résumé s’ouvrira quand le tableau sera clos et que chaque partie l’aura accepté.',
    'summary.notForYou': 'Ce résumé ne vous est pas accessible.',
    'captions.onlyCaptioner': 'Seul le sous-titreur envoie des sous-titres.',
    'captions.mainRoomOnly': 'Les sous-titres ne vont qu’à la salle principale.',
    'request.notFound': 'Introuvable.',
    'request.invalid': 'Certaines informations manquent ou ne sont pas valides.',
    'request.tooLarge': 'C’est trop volumineux.',
    'request.unreadable': 'La demande n’a pas pu être lue.',
    'request.notValid': 'Cette demande n’était pas valide.',
    'request.internal': 'Un problème est survenu de notre côté.',
    'request.slowDown': 'Merci de ralentir un peu.',
    'request.reload': 'Merci de recharger la page pour obtenir la dernière version.',
    'connect.tooManyAttempts':
      'Trop de tentatives. Merci de patienter un instant, puis de réessayer.',
    'connect.tooManyWindows':
      'Cette rencontre est déjà ouverte dans trop de fenêtres. Fermez-en une, puis réessayez.',
    'connect.tooManyConnections':
      'Trop de connexions depuis votre réseau. Merci de réessayer dans quelques minutes.',
    'video.afterAdmit': 'La vidéo s’ouvrira quand le facilitateur vous aura fait entrer.',
    'video.unavailable': 'La vidéo n’est pas disponible sur ce serveur.',
    'video.startFailed': 'La vidéo n’a pas pu démarrer. Merci de réessayer.',
    'interpreter.onlyInterpreters': 'Seul un interprète peut être associé à une personne.',
    'interpreter.personGone': 'Cette personne ne fait plus partie de cette rencontre.',
    'interpreter.notFacilitator':
      'Un interprète est associé à un participant, pas à un facilitateur.',
    'interpreter.notInterpreter': 'Un interprète ne peut pas être associé à un autre interprète.',
    'interpreter.notSelf': 'Un interprète ne peut pas interpréter pour lui-même.',
    'gate.notReady': 'Tout le monde n’est pas encore prêt. La liste indique ce qui manque.',
    'prep.beforeStartOnly': 'Les personnes ne peuvent être modifiées qu’avant le début.',
    'prep.facilitatorsFromCase':
      'Les facilitateurs viennent du dossier, pas de la liste des membres.',
    'practice.over': 'La rencontre est terminée : l’essai n’est donc plus possible.',
    'practice.videoUnavailable': 'La vidéo n’est pas disponible sur ce serveur.',
    'practice.busy':
      'Beaucoup de personnes font un essai en ce moment. Merci de réessayer dans quelques minutes.',
    'practice.again':
      'Vous venez de lancer l’essai. Merci d’attendre quelques secondes avant de le relancer.',
    'consent.meetingEnded': 'Cette rencontre est terminée.',
    'consent.needed':
      'Merci de donner votre accord sur votre page avant de rejoindre la rencontre.',
    'consent.listChanged':
      'Les personnes présentes ont changé. Merci de lire la nouvelle liste avant de donner votre accord.',
    'questions.patientSideOnly': 'Seule la partie du patient écrit et partage ces questions.',
    'questions.full': 'La liste ne peut pas contenir plus de questions.',
    'questions.notFound': 'Cette question est introuvable.',
    'feedback.afterMeeting': 'Les questions s’ouvriront après la rencontre.',
    'feedback.alreadyAnswered': 'Vous avez déjà répondu. Merci.',
    'prep.chooseMembers': 'Choisissez avec qui se tient cette rencontre de préparation.',
    'prep.oneSideOnly': 'Une rencontre de préparation réunit les personnes d’une seule partie.',
    'relay.notFound': 'Ce message est introuvable.',
    'relay.alreadyDealt': 'Ce message a déjà été traité.',
    'relay.closed': 'L’écriture à l’autre partie n’est pas ouverte.',
    'relay.waitForReading':
      'Votre facilitateur n’a pas encore lu vos derniers messages. Merci d’attendre qu’il les ait lus.',
    'timing.started': 'Cette rencontre a déjà commencé.',
    'timing.patientChooses': 'C’est la partie du patient qui choisit l’heure.',
    'timing.noLongerProposed': 'Cette heure n’est plus proposée.',
    'timing.notChosen': 'Aucune heure n’a encore été choisie.',
  },
} satisfies ServerText;
