/**
 * French, written for people, not word for word: "vous", short sentences, a gentle tone (nobody is
 * blamed). "The floor" is "la parole" (avoir, donner, passer la parole). Same keys as en.ts: the
 * parity test (tests/unit/client/i18n/parity.test.ts) fails when one language misses a key. Not
 * typed against en.ts on purpose: a key added, renamed or removed there must not break the build
 * before it is translated (i18next falls back to English); the test is the guard.
 */
export const fr = {
  common: {
    opensInNewTab: '(s’ouvre dans un nouvel onglet)',
    appName: 'Common Ground',
    loading: 'Chargement…',
    pleaseWait: 'Un instant, s’il vous plaît.',
    back: 'Retour',
    cancel: 'Annuler',
    ok: 'OK',
    tryAgain: 'Réessayer',
    someone: 'Quelqu’un',
    skipToContent: 'Aller au contenu principal',
  },
  errors: {
    INVALID_PAYLOAD:
      'Quelque chose dans le formulaire n’est pas tout à fait juste. Merci de le vérifier et de réessayer.',
    UNAUTHENTICATED: 'Merci de vous connecter d’abord.',
    FORBIDDEN: 'Ce n’est pas possible pour vous ici.',
    NOT_FOUND: 'Nous n’avons pas trouvé ce que vous cherchez.',
    CONFLICT: 'Quelqu’un a modifié ceci au même moment. Merci de regarder à nouveau.',
    INVALID_STATE: 'Ce n’est pas possible pour le moment.',
    RATE_LIMITED: 'Cela faisait beaucoup d’un coup. Attendez un instant, puis réessayez.',
    CLIENT_TOO_OLD: 'Cette page n’est plus à jour. Merci de la recharger.',
    SERVER_TOO_OLD: 'Le service est en cours de mise à jour. Réessayez dans quelques minutes.',
    INVITE_EXPIRED: 'Ce lien a expiré.',
    INVITE_REVOKED: 'Ce lien n’est plus actif.',
    INTERNAL:
      'Un problème est survenu de notre côté, ou la connexion est lente. Merci de réessayer.',
  },
  roles: {
    facilitator: 'Facilitateur',
    cofacilitator: 'Co-facilitateur',
    patient: 'Patient',
    patient_support: 'Proche ou personne de soutien',
    hcw: 'Professionnel de santé',
    hcw_support: 'Personne de soutien d’un professionnel de santé',
    org_rep: 'Représentant de l’établissement',
    interpreter: 'Interprète',
    observer: 'Observateur',
    captioner: 'Sous-titreur',
  },
  parties: {
    patient: 'Patient et proches',
    hcw: 'Professionnels de santé',
    facilitation: 'Facilitateurs',
    other: 'Autres personnes',
  },
  support: {
    heading: 'Du soutien si vous en avez besoin',
    emergency:
      'Si vous êtes en danger ou ne vous sentez pas en sécurité, appelez le numéro d’urgence de votre pays.',
    patientServices:
      'Votre facilitateur peut vous mettre en contact avec des services de soutien pour les patients et leurs proches.',
    trusted:
      'Parler avec quelqu’un en qui vous avez confiance peut aider : un ami, un membre de votre famille ou votre médecin.',
    hcwPeer:
      'Le soutien entre pairs ou le programme d’aide aux soignants de votre établissement est là pour vous.',
    hcwProfessional:
      'Votre ordre ou association professionnelle, votre syndicat ou le programme d’aide aux employés peuvent vous offrir un soutien confidentiel.',
    facilitatorContact: 'Votre facilitateur vous contactera après la rencontre.',
  },
  welcome: {
    title: 'Bienvenue, {{name}}',
    invited: '{{invitedBy}} vous invite à une rencontre : {{meeting}}.',
    youAre: 'Vous y participez en tant que : {{role}} ({{party}}).',
    promisesLabel: 'Deux choses à savoir',
    nothingRecorded: 'Rien n’est enregistré.',
    pauseOrLeave: 'Vous pouvez demander une pause ou partir à tout moment.',
    whatHappens: 'Comment cela va se passer',
    step1: 'D’abord, vous pouvez vérifier votre caméra et votre micro.',
    step2:
      'Ensuite, vous attendez dans un espace d’attente privé. Seul le facilitateur sait que vous êtes là.',
    step3: 'Le facilitateur vous fera entrer quand tout le monde sera prêt.',
    step4:
      'Le facilitateur guide la conversation. Chacun parle à son tour, et vous pouvez toujours passer votre tour.',
    groundRules: 'Les règles de la rencontre',
    rule1: 'Une seule personne parle à la fois.',
    rule2: 'Nous écoutons pour comprendre, pas pour juger.',
    rule3: 'Vous n’avez à répondre à aucune question.',
    rule4:
      'Vous pouvez demander une pause, vous absenter un moment ou partir. Personne ne vous demandera pourquoi.',
    rule5:
      'Merci de ne pas enregistrer la rencontre et de garder pour vous ce que disent les autres.',
    confidentialityLimits:
      'Ce qui se dit ici reste ici, sauf lorsque la loi en dispose autrement : par exemple si quelqu’un risque de subir un préjudice grave.',
    continue: 'Continuer',
  },
  devices: {
    title: 'Vérifiez votre caméra et votre micro',
    intro:
      'Cette vérification n’est que pour vous. Personne d’autre ne peut la voir ni l’entendre.',
    previewLabel: 'Aperçu de votre caméra',
    cameraOffLabel: 'L’aperçu de la caméra est désactivé',
    cameraIsOff: 'Votre caméra est éteinte.',
    noCamera: 'Pas d’image de la caméra.',
    micLevel: 'Niveau du micro',
    micLevelHint: 'Dites quelques mots : la barre bouge quand votre micro vous entend.',
    camera: 'Caméra',
    microphone: 'Micro',
    cameraN: 'Caméra {{n}}',
    micN: 'Micro {{n}}',
    joinCameraOff: 'Entrer avec ma caméra éteinte',
    joinMicOff: 'Entrer avec mon micro coupé',
    joinMicOffHint: 'Vous pourrez réactiver votre micro quand vous le souhaiterez.',
    audioOnly: 'Audio seulement (sans vidéo)',
    audioOnlyHint:
      'Vous entendez tout le monde et l’on vous entend, mais aucune vidéo n’est envoyée ni affichée. C’est utile si votre connexion est faible. Aucune caméra n’est nécessaire.',
    privacy: 'Vous pourrez changer ces réglages à tout moment pendant la rencontre.',
    join: 'Aller dans l’espace d’attente',
    problem: {
      blocked:
        'Votre navigateur ne permet pas à cette page d’utiliser la caméra ou le micro. Vous pouvez quand même entrer ; le facilitateur pourra vous aider.',
      none: 'Nous n’avons trouvé ni caméra ni micro. Vous pouvez quand même entrer et écouter.',
      noCamera:
        'Aucune caméra trouvée : vous pouvez participer avec le son seulement. Les autres vous entendront, et vous les verrez toujours.',
      unavailable:
        'Nous n’avons pas pu démarrer votre caméra ou votre micro. Vous pouvez quand même entrer ; le facilitateur pourra vous aider.',
    },
  },
  waiting: {
    title: 'Espace d’attente',
    joining: 'Vous entrez dans l’espace d’attente…',
    hello: 'Bonjour, {{name}}. Vous êtes dans l’espace d’attente.',
    area: 'Cet espace d’attente est réservé à : {{party}}.',
    letYouIn: 'Le facilitateur va vous faire entrer.',
    private: 'Ici, personne d’autre ne peut vous voir ni vous entendre.',
    takeTime: 'Prenez votre temps. Vous pouvez écrire au facilitateur pendant que vous attendez.',
    checkInHeading: 'D’abord, un mot en privé',
    checkInText:
      '{{names}} aimerait échanger brièvement avec vous en privé avant que vous n’entriez.',
    leaveHeading: 'Pas le bon moment aujourd’hui ?',
    leave: 'Quitter l’espace d’attente',
    leaveConfirm: 'Voulez-vous partir ? Vous pourrez revenir avec le même lien.',
    leaveYes: 'Oui, partir maintenant',
    stay: 'Rester',
  },
  room: {
    title: 'La salle de rencontre',
    loading: 'Ouverture de la salle de rencontre…',
    asideLabel: 'Personnes, accords et messages',
    reconnecting: 'Reconnexion en cours… Vous n’avez rien à faire.',
    notStarted:
      'La rencontre va bientôt commencer. Le facilitateur commencera quand tout le monde sera là.',
    resumed: 'La rencontre a repris. Réactivez votre micro quand vous le souhaitez.',
    canUnmute: 'Vous pouvez réactiver votre micro maintenant, quand vous le souhaitez.',
    controlsLabel: 'Vos commandes',
    stageWaiting: 'Connexion de la vidéo…',
  },
  roomTabs: {
    people: 'Personnes',
    agreements: 'Accords',
    messages: 'Messages',
  },
  connection: {
    connected: 'Vidéo connectée',
    connecting: 'Connexion de la vidéo…',
    reconnecting: 'Reconnexion…',
    offline: 'Vidéo non connectée',
  },
  console: {
    label: 'Outils du facilitateur',
    people: 'Personnes et accueil',
    turns: 'Tours de parole',
    phases: 'Étapes',
    private: 'Entretiens privés',
    agreements: 'Accords',
    ending: 'Fin',
    start: 'Début',
    needYou_one: '{{count}} vous attend',
    needYou_other: '{{count}} vous attendent',
    askingToSpeak_one: '{{count}} demande la parole',
    askingToSpeak_other: '{{count}} demandent la parole',
    turnsLater: 'Les tours de parole commencent quand la rencontre commence.',
  },
  pauseAlert: {
    title_one: 'Quelqu’un a demandé une pause',
    title_other: '{{count}} personnes ont demandé une pause',
    pauseNow: 'Faire la pause maintenant',
    notNow: 'Pas maintenant',
    soundLabel: 'Jouer un son doux quand quelqu’un demande une pause',
    soundHint: 'Vous seul l’entendez. Il reste coupé tant que vous ne l’activez pas ici.',
  },
  phase: {
    label: 'Où nous en sommes',
    now: 'Maintenant',
    next: 'Ensuite',
    beforeStart: 'Avant de commencer',
    ended: 'La rencontre est terminée',
  },
  phases: {
    heading: 'Étapes',
    promptHeading: 'Votre aide-mémoire (visible seulement par les facilitateurs)',
    previous: 'Étape précédente',
    next: 'Étape suivante',
    pausedHint: 'Reprenez la rencontre pour passer d’une étape à l’autre.',
    kind: {
      opening: 'Accueil et règles de la rencontre',
      checkin: 'Tour d’accueil',
      story: 'Partage des vécus',
      questions: 'Questions et compréhension',
      harms: 'Ce que les personnes ont vécu, et ce dont elles ont besoin',
      repair: 'Apprendre et réparer',
      agreements: 'Accords',
      closing: 'Clôture',
      debrief: 'Temps d’échange en privé',
      custom: 'Conversation',
    },
    story: {
      patient: 'Le patient et ses proches partagent leur vécu',
      hcw: 'Les professionnels de santé partagent leur vécu',
      facilitation: 'Partage des vécus',
      other: 'Partage des vécus',
    },
    about: {
      opening: 'Présentations, déroulement de la rencontre et règles communes.',
      checkin:
        'Un tour rapide : chacun dit dans quel état d’esprit il arrive. Vous pouvez passer votre tour.',
      story: 'Une partie parle, les autres écoutent.',
      questions: 'Les questions sont posées, et chacun y répond du mieux qu’il peut.',
      harms: 'Qui a été touché, et ce dont ces personnes ont besoin aujourd’hui.',
      repair: 'Ce qui va changer, et le soutien dont chacun a besoin.',
      agreements: 'Mettre par écrit ce qui va se passer ensuite, si tout le monde est d’accord.',
      closing: 'Un dernier tour, et la suite.',
      debrief: 'Chaque partie échange en privé avec un facilitateur.',
      custom: 'Le facilitateur expliquera ce moment.',
    },
    defaultPrompt: {
      opening:
        'Accueillez chacun, présentez chaque personne et son rôle, expliquez que rien n’est enregistré, comment demander une pause, passer son tour, s’absenter ou partir, et lisez les règles de la rencontre.',
      checkin: 'Invitez chacun à dire un mot sur son état d’esprit. Passer son tour est permis.',
      story: 'Invitez la partie à partager son vécu. Résumez avec douceur à la fin.',
      questions:
        'Invitez les questions. Nommez celles qui ne peuvent pas trouver de réponse aujourd’hui et notez-les au tableau.',
      harms:
        'Qui a été blessé ? De quoi ces personnes ont-elles besoin ? À qui revient-il d’y répondre ?',
      repair:
        'Qu’est-ce qui va changer ? Comment les personnes peuvent-elles y être associées ? De quel soutien chacun a-t-il besoin ?',
      agreements:
        'Relisez chaque point. Chaque partie l’accepte ou le refuse. Ne pas parvenir à un accord est une issue tout à fait valable.',
      closing: 'Invitez à un tour de clôture et expliquez la suite.',
      debrief: 'Prenez des nouvelles de chaque personne et partagez les ressources de soutien.',
      custom: 'Votre propre aide-mémoire pour ce moment.',
    },
  },
  floor: {
    heading: 'À qui c’est le tour de parler',
    explain: 'Nous appelons cela « la parole » : la personne ou la partie dont c’est le tour.',
    protectedExplain:
      'Dans cette rencontre, seule la partie qui a la parole peut utiliser son micro. Les facilitateurs peuvent toujours parler.',
    notStarted: 'La rencontre n’a pas encore commencé.',
    paused: 'La rencontre est en pause.',
    open: 'Discussion ouverte : chacun peut parler.',
    facilitators: 'Le facilitateur guide la conversation.',
    youHaveIt: 'Vous avez la parole. Réactivez votre micro quand vous le souhaitez.',
    youHaveItShort: 'Vous avez la parole.',
    nowSpeaking: 'A la parole : {{name}}',
    pass: 'Passer',
    done: 'J’ai terminé',
    passHint:
      'Passer : vous préférez ne pas parler maintenant. Pas besoin de vous justifier. Le facilitateur décidera qui parle ensuite.',
    passHintRound:
      'Passer : vous préférez ne pas parler maintenant. Pas besoin de vous justifier. La personne suivante du tour prend la parole.',
    handedBack: 'Le facilitateur décidera qui parle ensuite.',
    ask: 'Demander la parole',
    queued: 'Vous avez demandé la parole. Vous êtes en position {{position}}.',
    withdraw: 'Retirer ma demande',
    whatMeans: 'Qu’est-ce que cela veut dire ?',
  },
  pause: {
    title: 'La rencontre est en pause',
    takeYourTime: 'Prenez votre temps.',
    heardNobody: 'Personne ne peut être entendu pour le moment.',
    heardFacilitators_one: 'Seul le facilitateur peut être entendu pour le moment ({{names}}).',
    heardFacilitators_other:
      'Seuls les facilitateurs peuvent être entendus pour le moment ({{names}}).',
    heardSome: 'Peuvent être entendus pour le moment : {{names}}.',
    yourMicOff: 'Votre micro reste coupé jusqu’à la reprise de la rencontre.',
    breakUntil: 'Pause jusqu’à {{time}}.',
    timeLeft: 'Temps de pause restant',
    breakOver:
      'Le temps de pause est écoulé. Le facilitateur reprendra quand tout le monde sera prêt.',
    cause: {
      facilitator: '',
      'party-dropped':
        'Quelqu’un a perdu sa connexion. Nous reprendrons à son retour, ou le facilitateur dira comment continuer.',
      'no-facilitator': 'Le facilitateur revient dans un instant.',
    },
  },
  self: {
    needPause: 'J’ai besoin d’une pause',
    pauseReason: 'Raison (facultatif)',
    addReason: 'Ajouter une raison',
    addReasonLabel: 'Ajouter une raison à votre demande de pause (facultatif)',
    reasonHint:
      'Seuls les facilitateurs la voient. Appuyez ensuite sur « {{button}} » (ou Entrée).',
    pauseSent:
      'Les facilitateurs savent que vous avez besoin d’une pause. Eux seuls peuvent le voir.',
    stepOut: 'M’absenter un moment',
    stepBack: 'Revenir',
    steppedOutTitle: 'Vous avez quitté la salle un moment',
    steppedOutText:
      'Votre caméra et votre micro sont coupés. Les autres voient que vous avez quitté la salle un moment. Revenez quand vous le souhaitez.',
    leave: 'Partir',
    leaveQuestion: 'Voulez-vous quitter la rencontre ?',
    leaveExplain:
      'La rencontre continuera pour les autres. Les facilitateurs sauront que vous l’avez quittée, et vous pourrez revenir avec votre lien.',
    leaveConfirm: 'Quitter la rencontre',
    stay: 'Rester',
  },
  media: {
    noCamera: 'Aucune caméra trouvée : les autres vous entendent, et vous les voyez toujours.',
    groupLabel: 'Votre caméra et votre micro',
    mute: 'Couper le micro',
    unmute: 'Réactiver le micro',
    cameraOff: 'Éteindre la caméra',
    cameraOn: 'Allumer la caméra',
    hideSelf: 'Masquer ma propre image',
    more: 'Plus',
    moreLabel: 'Plus de réglages de la caméra et du micro',
    startAudio: 'Activer le son',
    changeDevices: 'Changer de caméra ou de micro',
    micPaused:
      'Votre micro est coupé pendant la pause. Vous pourrez le réactiver à la reprise de la rencontre.',
    micNotYourTurn:
      'Vous pourrez réactiver votre micro quand ce sera au tour de votre partie de parler.',
    micNotAllowed: 'Votre micro n’est pas disponible dans cette rencontre.',
    steppedOutHint: 'Revenez dans la rencontre pour utiliser votre caméra et votre micro.',
    heardDuringPause:
      'La rencontre est en pause, et tout le monde dans la salle principale peut encore vous entendre.',
    audioOnly: 'Audio seulement',
    audioOnlyOn:
      'Audio seulement : vous entendez tout le monde et l’on vous entend. Aucune vidéo n’est envoyée ni affichée.',
  },
  hear: {
    everyone: 'Tout le monde dans la salle de rencontre peut vous entendre.',
    mainRoom: 'Tout le monde dans la salle principale peut vous entendre.',
    pausedFacilitator:
      'La rencontre est en pause, mais tout le monde dans la salle principale peut vous entendre.',
    micOff: 'Votre micro est coupé : personne ne peut vous entendre.',
    facilitators_one: 'Seul le facilitateur peut vous entendre (conversation privée).',
    facilitators_other: 'Seuls les facilitateurs peuvent vous entendre (conversation privée).',
    privateRoom: 'Seules les personnes de cette conversation privée peuvent vous entendre.',
    alone: 'Personne d’autre n’a encore rejoint cette conversation privée.',
    steppedOut: 'Personne ne peut vous entendre : vous avez quitté la salle un moment.',
    paused: 'Personne ne peut vous entendre pendant la pause.',
  },
  call: {
    unavailableTitle: 'La vidéo n’est pas disponible',
    unavailableText:
      'La vidéo n’est pas disponible pour le moment. Le facilitateur est au courant et vous guidera. Tout le reste fonctionne.',
    connectFailed: 'La vidéo ne s’est pas connectée.',
    retrying: 'Nous continuons d’essayer.',
    duplicate:
      'Vous avez rejoint la rencontre depuis une autre fenêtre ou un autre appareil : cette fenêtre a donc arrêté sa vidéo.',
    useThisWindow: 'Utiliser la vidéo dans cette fenêtre',
    device: {
      mic: 'Nous n’avons pas pu activer votre micro. Vérifiez qu’aucune autre application ne l’utilise.',
      camera:
        'Nous n’avons pas pu allumer votre caméra. Vérifiez qu’aucune autre application ne l’utilise.',
    },
  },
  tile: {
    gridLabel: 'Vidéo',
    you: 'Vous',
    selfVideo: 'Votre propre image',
    video: 'Vidéo de {{name}}',
    hasFloor: 'A la parole',
    steppedOut: 'Hors de la salle un moment',
    muted: 'Micro coupé',
    speaking: 'Parle',
    quality: {
      excellent: 'Connexion : bonne',
      good: 'Connexion : bonne',
      poor: 'Connexion : faible',
      lost: 'Connexion : perdue',
      unknown: '',
    },
  },
  people: {
    heading: 'Qui est là',
    youSuffix: '(vous)',
    away: 'Hors de la salle un moment',
    notConnected: 'Connexion perdue',
    mute: 'Couper le micro de {{name}} (bruit de fond)',
    remove: 'Retirer {{name}}',
    removeConfirm: '{{name}} quittera la rencontre et ne pourra pas revenir avec son lien.',
    removeConfirmLabel: 'Confirmer le retrait de {{name}}',
    removeYes: 'Oui, retirer {{name}}',
  },
  side: {
    checkin: {
      title: 'Échange privé',
      text: 'Vous parlez en privé avec {{names}}. Personne d’autre ne peut vous voir ni vous entendre.',
    },
    caucus: {
      title: 'Conversation privée',
      text: 'Vous parlez en privé avec {{names}}. Personne d’autre ne peut vous voir ni vous entendre.',
    },
    debrief: {
      title: 'Votre temps d’échange privé',
      text: 'Ce moment privé avec {{names}} est là pour parler de comment vous allez. Personne d’autre ne peut vous voir ni vous entendre.',
    },
    facilitatorText:
      'Vous êtes en conversation privée avec {{names}}. Les autres voient un message neutre.',
    others: 'Le facilitateur parle en privé avec quelqu’un. Nous reprenons dans un instant.',
    facilitatorComing:
      'Cet espace privé est réservé à votre partie. Personne d’autre ne peut vous voir ni vous entendre. Un facilitateur va vous rejoindre dans un instant.',
  },
  message: {
    heading: 'Écrire aux facilitateurs',
    label: 'Message aux facilitateurs',
    hint: 'Seuls les facilitateurs peuvent le lire. Il n’est pas conservé après la rencontre.',
    send: 'Envoyer',
    sent: 'Envoyé. Seuls les facilitateurs peuvent le lire.',
  },
  aftercare: {
    title: 'Vous avez quitté la rencontre',
    thanks: 'Merci d’avoir été là aujourd’hui.',
    goesOn:
      'La rencontre continue pour les autres, et les facilitateurs savent que vous l’avez quittée.',
    contact: 'Le facilitateur vous contactera.',
    rejoinHeading: 'Revenir',
    rejoinText: 'Si vous souhaitez revenir, vous pouvez rejoindre la rencontre avec le même lien.',
    rejoin: 'Revenir dans la rencontre',
  },
  ended: {
    title: 'La rencontre est terminée',
    thanks: 'Merci d’y avoir participé.',
    next: 'Le facilitateur reprendra contact avec vous pour la suite.',
    summaryLink: 'Ouvrir le résumé écrit',
    facilitatorText: 'Voici le tableau et le suivi des points convenus.',
  },
  denied: {
    denied: {
      title: 'Pas aujourd’hui',
      text: 'Le facilitateur n’a pas pu vous faire entrer cette fois-ci. Ce lien n’ouvre plus la rencontre ni ses pages.',
    },
    removed: {
      title: 'Vous ne faites plus partie de la rencontre',
      text: 'Le facilitateur a fermé votre place dans cette rencontre.',
    },
    contact: 'Le facilitateur vous contactera pour en parler.',
  },
  invite: {
    INVITE_EXPIRED: {
      title: 'Ce lien a expiré',
      text: 'Merci de demander un nouveau lien au facilitateur.',
    },
    INVITE_REVOKED: {
      title: 'Ce lien n’est plus actif',
      text: 'Le facilitateur vous a peut-être envoyé un lien plus récent. Merci d’utiliser celui-là, ou de demander au facilitateur.',
    },
    NOT_FOUND: {
      title: 'Nous n’avons pas trouvé ce lien',
      text: 'Vérifiez que le lien a été copié en entier, ou demandez-en un nouveau au facilitateur.',
    },
    CLIENT_TOO_OLD: {
      title: 'Cette page doit être rechargée',
      text: 'Le service a été mis à jour. Recharger la page suffit.',
    },
    SERVER_TOO_OLD: {
      title: 'Le service est en cours de mise à jour',
      text: 'Merci de réessayer dans quelques minutes.',
    },
    other: {
      title: 'Nous n’avons pas pu ouvrir votre invitation',
      text: 'C’est peut-être un problème de connexion. Merci de réessayer dans un instant.',
    },
    reload: 'Recharger la page',
  },
  board: {
    heading: 'Accords',
    notContract:
      'Ce n’est pas un contrat juridique. C’est une trace commune de ce que les personnes présentes espèrent voir se passer ensuite.',
    faultGeneral:
      'Les questions de faute ou d’indemnisation ne sont pas tranchées ici. Si elles se présentent, elles peuvent être notées comme une orientation vers la démarche adaptée.',
    faultNote: {
      fault:
        'Cela semble porter sur la question de savoir qui est en faute. Ce n’est pas tranché dans cette rencontre. Vous pourriez plutôt le noter comme une orientation vers la démarche adaptée.',
      compensation:
        'Cela semble porter sur une indemnisation ou sur de l’argent. Ce n’est pas tranché dans cette rencontre. Vous pourriez plutôt le noter comme une orientation vers la démarche de règlement de l’établissement.',
    },
    makeReferral: 'En faire une orientation',
    empty: 'Rien n’a encore été noté.',
    category: {
      acknowledgement: 'Reconnaissance',
      answers: 'Réponses et informations',
      learning: 'Enseignements et changements',
      support: 'Soutien et soins',
      followup: 'Suivi et nouvelles',
      referral: 'Orientations vers d’autres démarches',
      commitment: 'Engagements et souhaits personnels',
    },
    facts: {
      owner: 'Qui s’en charge',
      due: 'Pour quand',
      evidence: 'Comment saurons-nous que c’est fait',
    },
    proposedBy: 'Proposé par {{name}}',
    consentsLabel: 'Qui a donné son accord',
    consentState: {
      consent: 'd’accord',
      decline: 'pas d’accord',
      none: 'pas encore de réponse',
    },
    agreed: 'Tout le monde a donné son accord.',
    yourAnswer: 'La réponse de votre partie',
    consent: 'Donner mon accord',
    decline: 'Refuser',
    changedWhileReading: 'Ce point a été modifié pendant que vous le lisiez. Merci de le relire.',
    edit: 'Modifier',
    moveUp: 'Monter',
    moveDown: 'Descendre',
    selectToMerge: 'Sélectionner pour regrouper',
    remove: 'Retirer',
    removeYes: 'Oui, le retirer',
    saveChanges: 'Enregistrer les modifications',
    merge: 'Regrouper les points sélectionnés',
    mergeText: 'Formulation pour les {{n}} points regroupés',
    proposeHeading: 'Proposer un point',
    proposeHint: 'Écrivez ce que vous aimeriez voir se passer, avec vos propres mots.',
    propose: 'Proposer',
    moreDetails: 'Plus de détails (facultatif)',
    fields: {
      text: 'Ce qui devrait se passer',
      textHint:
        'Des mots simples. Merci de ne pas citer les paroles de quelqu’un, sauf si la personne le demande.',
      category: 'Catégorie',
      owner: 'Qui s’en charge',
      ownerMember: 'Qui indique ensuite où en est ce point',
      ownerMemberHint: 'Cette personne pourra indiquer que c’est fait grâce à son lien.',
      nobody: 'Personne pour l’instant',
      dueDate: 'Pour quand',
      evidence: 'Comment saurons-nous que c’est fait',
      visibleTo: 'Qui peut voir ce point',
      affected: 'Qui doit donner son accord',
      needParties:
        'Choisissez au moins une partie qui peut le voir et une partie dont l’accord est nécessaire.',
    },
    conflict: {
      title: 'Quelqu’un a modifié ce point pendant que vous le modifiiez',
      text: 'Voici les deux versions. Vous pouvez appliquer à nouveau vos modifications sur la version actuelle, ou garder la version actuelle.',
      theirs: 'Version actuelle',
      mine: 'Vos modifications',
      reapply: 'Appliquer à nouveau mes modifications',
      keepTheirs: 'Garder la version actuelle',
    },
    finaliseHeading: 'Clore le tableau',
    finaliseHint:
      'Clore le tableau empêche toute modification. Les points acceptés par toutes les parties deviennent le résultat écrit. Ne pas parvenir à un accord est aussi une issue valable.',
    finalise: 'Clore le tableau',
    finaliseNeedsAgreed:
      'Vous pourrez clore le tableau quand chaque partie aura accepté au moins un point, ou bien noter qu’il n’y a pas d’accord.',
    finaliseQuestion: 'Clore le tableau ?',
    finaliseExplain_one:
      'Le tableau ne pourra plus être modifié : plus personne ne pourra proposer, modifier ou répondre. Le point accepté par toutes les parties devient le résultat écrit ; les autres sont laissés de côté. Chaque partie dira ensuite si elle souhaite garder un résumé écrit. Cette action est définitive.',
    finaliseExplain_other:
      'Le tableau ne pourra plus être modifié : plus personne ne pourra proposer, modifier ou répondre. Les {{count}} points acceptés par toutes les parties deviennent le résultat écrit ; les autres sont laissés de côté. Chaque partie dira ensuite si elle souhaite garder un résumé écrit. Cette action est définitive.',
    finaliseYes: 'Oui, clore le tableau',
    noAgreement: 'Noter qu’il n’y a pas d’accord',
    noAgreementQuestion: 'Noter qu’il n’y a pas d’accord ?',
    noAgreementExplain:
      'Le tableau ne pourra plus être modifié, et l’issue est notée comme une absence d’accord, ce qui est une issue valable. Aucun point n’est retenu comme accepté, même si certaines parties l’avaient accepté. Cette action est définitive.',
    noAgreementYes: 'Oui, noter l’absence d’accord',
    finalisedOn: 'Le tableau a été clos le {{date}}.',
    finalisedNoAgreement:
      'La rencontre s’est terminée sans accord. C’est une issue tout à fait valable.',
    summaryHeading: 'Résumé écrit',
    summaryExplain:
      'Un résumé écrit des points acceptés pourra être ouvert quand chaque partie aura dit oui.',
    summaryAgreed: 'a dit oui',
    summaryNotYet: 'pas encore',
    summaryAgree: 'Oui, garder un résumé écrit',
    summaryLink: 'Ouvrir le résumé écrit',
  },
  followup: {
    heading: 'Ce qui a été convenu, et où on en est',
    none: 'Il n’y a pas de point convenu à suivre.',
    noAgreement: 'La rencontre s’est terminée sans accord. C’est une issue tout à fait valable.',
    status: 'Avancement',
    statuses: {
      planned: 'Prévu',
      in_progress: 'En cours',
      done: 'Fait',
      not_possible: 'Pas possible',
    },
    reason: 'Une courte note (facultatif)',
    reasonHint: 'Si ce n’est pas possible, merci d’expliquer pourquoi en quelques mots.',
    update: 'Mettre à jour l’avancement',
    saved: 'Enregistré.',
    updatedOn: 'Dernière mise à jour le {{date}}',
    lateLabel: 'En retard.',
    lateText: 'C’était prévu pour le {{date}}, et ce n’est pas encore fait.',
    notPossibleLabel: 'Pas possible.',
    notPossibleWhy: 'Cela ne se fera pas comme convenu. La raison donnée : {{reason}}',
    notPossibleNoReason: 'Cela ne se fera pas comme convenu. Aucune raison n’a encore été donnée.',
  },
  summary: {
    title: 'Résumé de ce qui a été convenu',
    print: 'Imprimer',
    download: 'Télécharger en fichier texte',
    notReady:
      'Le résumé n’est pas encore disponible. Il s’ouvrira quand chaque partie aura accepté de garder un résumé écrit.',
    failed: 'Nous n’avons pas pu ouvrir le résumé. Merci de réessayer plus tard.',
    noItems: 'Il n’y a pas de point convenu.',
    otherItems: 'Autres points',
    finalisedOn: 'Convenu le {{date}}.',
  },
  auth: {
    title: 'Connexion',
    intro: 'Cette connexion est réservée aux facilitateurs.',
    invitees:
      'Si vous avez reçu une invitation à une rencontre, merci d’utiliser le lien personnel qui l’accompagnait.',
    email: 'Adresse e-mail',
    password: 'Mot de passe',
    signIn: 'Se connecter',
    signOut: 'Se déconnecter',
    signedInAs: 'Session de {{name}}.',
  },
  setup: {
    title: 'Créer le premier compte facilitateur',
    intro: 'Cela se fait une seule fois, au premier démarrage de Common Ground.',
    needed:
      'Common Ground a besoin de son premier compte facilitateur. Ouvrez le lien de configuration affiché au démarrage du serveur.',
    openForm: 'Ouvrir le formulaire de configuration',
    done: 'La configuration est déjà faite.',
    goSignIn: 'Aller à la connexion',
    token: 'Code de configuration',
    tokenHint:
      'Le code qui suit « token= » dans le lien de configuration affiché au démarrage du serveur.',
    name: 'Votre nom',
    passwordHint: 'Utilisez au moins {{min}} caractères.',
    submit: 'Créer le compte',
    colleagueTitle: 'Créer votre compte facilitateur',
    colleagueIntro:
      'Un collègue vous invite à animer des rencontres avec lui. Ce lien ne fonctionne qu’une fois, pendant une semaine.',
    colleagueTokenHint:
      'Le code qui suit « token= » dans le lien que votre collègue vous a envoyé.',
  },
  cases: {
    heading: 'Vos dossiers',
    empty: 'Vous n’avez encore aucun dossier.',
    summary: '{{people}} personnes · {{meetings}} rencontres · ouvert le {{date}}',
    closed: 'clos',
    overdue_one: '{{count}} point de suivi en retard',
    overdue_other: '{{count}} points de suivi en retard',
    newHeading: 'Ouvrir un nouveau dossier',
    title: 'Titre du dossier',
    titleHint:
      'Choisissez un titre neutre, sans nom, maladie, traitement ni lieu. Il apparaît dans les liens et les listes.',
    create: 'Créer le dossier',
    backToCases: 'Retour à vos dossiers',
  },
  case: {
    notFound: 'Dossier introuvable',
    people: 'Personnes',
    noPeople: 'Personne n’a encore été ajouté.',
    addPersonHeading: 'Ajouter une personne',
    displayName: 'Nom affiché',
    displayNameHint: 'Comment la personne souhaite être appelée pendant la rencontre.',
    role: 'Rôle',
    party: 'Partie',
    partyHint:
      'La partie à laquelle la personne appartient. Chaque partie a son propre espace d’attente.',
    roleHint:
      'Les facilitateurs ne sont pas ajoutés ici : ils se joignent avec leur propre compte (voir Facilitateurs).',
    closedNotice: 'Ce dossier est clos : on ne peut plus rien y ajouter.',
    cofacilitatorNotice:
      'Vous co-animez ce dossier. {{name}} le dirige et ajoute les personnes, les rencontres et les liens.',
    addPerson: 'Ajouter la personne',
    meetings: 'Rencontres',
    noMeetings: 'Aucune rencontre pour l’instant.',
    newMeetingHeading: 'Prévoir une rencontre',
    meetingTitle: 'Titre de la rencontre',
    floorMode: 'Comment se passent les tours de parole',
    createMeeting: 'Créer la rencontre',
    openRoom: 'Ouvrir la salle de rencontre',
    createdOn: 'créée le {{date}}',
    meetingStatus: {
      open: 'Pas commencée',
      live: 'En cours',
      ended: 'Terminée',
    },
    noPeopleForInvites: 'Ajoutez des personnes au dossier pour créer leurs liens d’invitation.',
    invitesCaption: 'Liens d’invitation pour {{meeting}}',
    person: 'Personne',
    inviteLink: 'Lien personnel',
  },
  caseFacilitators: {
    heading: 'Facilitateurs',
    lead: 'Facilitateur principal',
    cofacilitator: 'Co-facilitateur',
    none: 'Pas encore de co-facilitateur.',
    assignHeading: 'Ajouter un co-facilitateur',
    email: 'L’adresse e-mail de son compte',
    emailHint:
      'Cette personne se connecte avec son propre compte facilitateur pour rejoindre les rencontres de ce dossier.',
    assign: 'Ajouter le co-facilitateur',
    assigned: 'Co-facilitateur ajouté.',
    handOver: 'Confier le dossier à {{name}}',
    handOverQuestion: 'Confier ce dossier à {{name}} ?',
    handOverExplain:
      '{{name}} devient facilitateur principal, y compris dans les rencontres en cours. Vous restez sur le dossier comme co-facilitateur et ne pouvez plus ajouter de personnes, de rencontres ni de liens.',
    handOverConfirm: 'Oui, confier à {{name}}',
    handedOver: '{{name}} dirige désormais ce dossier.',
    unassign: 'Retirer {{name}} de ce dossier',
    unassignQuestion: 'Retirer {{name}} de ce dossier ?',
    unassignExplain:
      '{{name}} quitte toute rencontre encore ouverte de ce dossier et ne pourra plus l’ouvrir. Vous pourrez l’ajouter à nouveau plus tard.',
    unassignConfirm: 'Oui, retirer {{name}}',
    unassigned: '{{name}} ne fait plus partie de ce dossier.',
    colleagueHeading: 'Inviter un collègue à créer un compte',
    colleagueHint:
      'Crée un lien qui ne fonctionne qu’une fois, pendant une semaine. Envoyez-le à votre collègue en privé, puis ajoutez-le ici avec son adresse e-mail.',
    createColleagueLink: 'Créer un lien de configuration',
    copyColleagueLink: 'Copier le lien de configuration',
    colleagueExpires: 'Fonctionne une fois, jusqu’au {{date}}.',
  },
  invites: {
    none: 'Pas encore de lien.',
    revoked: 'Le lien a été retiré.',
    create: 'Créer le lien d’invitation de {{name}}',
    copy: 'Copier le lien de {{name}}',
    revoke: 'Retirer le lien de {{name}}',
    copied: 'Lien copié.',
    copyByHand: 'Le lien est sélectionné : copiez-le avec votre clavier.',
    expires: 'Fonctionne jusqu’au {{date}}.',
  },
  facilitatorRoom: {
    connecting: 'Connexion à la rencontre…',
    refusedTitle: 'Vous ne pouvez pas ouvrir cette rencontre',
    closed: 'Le serveur a fermé votre connexion à cette rencontre.',
    enterRoom: 'Entrer dans la salle de rencontre',
  },
  lobby: {
    heading: 'Espaces d’attente',
    waitingCount_one: '{{count}} en attente',
    waitingCount_other: '{{count}} en attente',
    empty: 'Personne n’attend.',
    area: 'Espace d’attente : {{party}}',
    waitingSince: 'en attente depuis {{time}}',
    status: {
      invited: 'pas encore là',
      waiting: 'en attente',
      admitted: 'dans la salle',
      denied: 'entrée refusée',
      removed: 'place fermée',
      left: 'a quitté la rencontre',
    },
    admit: 'Faire entrer {{name}}',
    deny: 'Ne pas admettre {{name}}',
    denyQuestion: 'Ne pas admettre {{name}} ?',
    denyExplain:
      'La personne verra qu’elle ne peut pas rejoindre cette rencontre, et son lien ne lui permettra plus d’entrer.',
    denyYes: 'Oui, ne pas admettre {{name}}',
    checkIn: 'Échanger en privé avec {{name}}',
    endCheckIn: 'Terminer l’échange avec {{name}}',
    lock: 'Verrouiller la salle',
    unlock: 'Déverrouiller la salle',
    lockHint: 'Verrouiller empêche toute nouvelle personne d’entrer dans les espaces d’attente.',
    lockedHint:
      'La salle est verrouillée : personne de nouveau ne peut entrer dans les espaces d’attente.',
  },
  meeting: {
    heading: 'Commencer',
    startHint:
      'Commencez quand toutes les personnes attendues sont dans la salle. Le minuteur de la rencontre démarre à ce moment-là.',
    start: 'Commencer la rencontre',
    endHeading: 'Terminer',
    endSafelyHint:
      'Terminer en douceur envoie chaque partie vers son propre temps d’échange privé avec un facilitateur. Terminer la rencontre la ferme pour tout le monde.',
    endSafely: 'Terminer en douceur (échanges privés)',
    endSafelyQuestion: 'Terminer en douceur ?',
    endSafelyExplain:
      'La conversation commune s’arrête maintenant. Chaque partie a un temps d’échange privé avec un facilitateur. Si aucun facilitateur n’est encore libre pour une partie, ses membres quittent la rencontre, voient où trouver du soutien, et peuvent revenir avec leur lien pour leur temps d’échange.',
    endSafelyYes: 'Oui, terminer en douceur',
    end: 'Terminer la rencontre',
    endQuestion: 'Terminer la rencontre pour tout le monde ?',
    endExplain:
      'La vidéo se ferme pour chacun, et tout le monde voit l’écran de fin. Cette action est définitive.',
    endYes: 'Oui, terminer pour tout le monde',
  },
  script: {
    heading: 'Préparation de la rencontre : étapes, ordre et tours de parole',
    storyOrder: 'Qui partage son vécu en premier',
    patientFirst: 'Le patient et ses proches d’abord',
    hcwFirst: 'Les professionnels de santé d’abord',
    floorMode: 'Comment se passent les tours de parole',
    softLimit: 'Me rappeler discrètement au bout de ce nombre de minutes pour un même tour',
    softLimitHint:
      'Ce rappel n’est visible que par vous. Il n’interrompt jamais personne. Laissez vide pour aucun rappel.',
    phaseName: 'Nom de l’étape {{n}}',
    phaseNameHint: 'Laissez vide pour utiliser le nom habituel.',
    phaseKind: 'Type d’étape',
    whoseStory: 'Le vécu de qui',
    prompt: 'Votre aide-mémoire (visible seulement par les facilitateurs)',
    removePhase: 'Retirer cette étape',
    addPhase: 'Ajouter une étape',
    save: 'Enregistrer la préparation',
    saved: 'Enregistré.',
  },
  floorControls: {
    heading: 'Tours de parole',
    modeLegend: 'Comment se passent les tours',
    mode: {
      gentle: 'Souple : chacun peut réactiver son micro ; la parole sert de repère',
      protected: 'Protégé : seule la partie qui a la parole peut utiliser son micro',
    },
    modeHint:
      'Personne n’est jamais réactivé par quelqu’un d’autre : chacun réactive toujours son micro lui-même.',
    giveParty: {
      patient: 'Donner la parole au patient et à ses proches',
      hcw: 'Donner la parole aux professionnels de santé',
    },
    givePerson: 'Donner la parole à {{name}}',
    handedBack: '{{who}} a rendu la parole. Personne ne l’a jusqu’à ce que vous la donniez.',
    suggestParty: {
      patient: 'Donner la parole au patient et à ses proches (suivants dans l’ordre convenu)',
      hcw: 'Donner la parole aux professionnels de santé (suivants dans l’ordre convenu)',
    },
    suggestPerson: 'Donner la parole à {{name}} (suivant dans l’ordre convenu)',
    endOfOrder: 'Chaque personne de l’ordre convenu a eu son tour.',
    asked: 'a demandé la parole (n° {{position}})',
    askedAt: 'demande faite à {{time}}',
    reclaim: 'Reprendre la parole',
    open: 'Ouvrir la discussion',
    closeOpen: 'Terminer la discussion ouverte',
    queueHeading: 'Ont demandé la parole',
    queueEmpty: 'Personne n’attend pour parler.',
  },
  timers: {
    heading: 'Durée',
    meeting: 'Rencontre',
    phase: 'Cette étape',
    turn: 'Ce tour',
    noTurn: 'personne n’a la parole',
    softCue:
      'Ce tour dépasse votre repère de {{minutes}} minutes. Inutile d’agir, sauf si cela aide.',
  },
  pauseControls: {
    heading: 'Pause',
    message: 'Message sur l’écran de pause (facultatif)',
    messageHint: 'Par exemple : « Prenons une courte pause. »',
    breakMinutes: 'Durée de la pause en minutes (facultatif)',
    pause: 'Mettre la rencontre en pause',
    shortcut: 'Raccourci : Alt + Maj + P',
    pausedTitle: 'La rencontre est en pause',
    resume: 'Reprendre',
    resumeHint:
      'Chacun retrouve exactement l’endroit où vous en étiez. Aucun micro n’est réactivé : chacun réactive le sien.',
    resumeNeedsFacilitator:
      'Pour reprendre, un facilitateur doit d’abord être dans la salle principale avec les deux parties.',
    messageShown: 'Message affiché : « {{message}} »',
    breakEnds: 'Pause jusqu’à {{time}} :',
    pausedAnnounce: 'La rencontre est en pause.',
    resumedAnnounce: 'La rencontre a repris.',
    withMessage: 'Ajouter un message',
    withMessageLabel: 'Ajouter un message ou une durée à la pause',
    cause: {
      facilitator: 'Les autres voient un écran de pause apaisant. Les micros sont coupés.',
      'party-dropped':
        'La rencontre s’est mise en pause d’elle-même car une partie a perdu sa connexion. Consultez les avis.',
      'no-facilitator':
        'La rencontre s’est mise en pause d’elle-même car aucun facilitateur n’était dans la salle principale avec les deux parties.',
    },
  },
  sideRooms: {
    heading: 'Conversations privées',
    explain:
      'Parlez en privé avec une personne ou une partie. Les autres voient un message neutre. Veillez à ce qu’un facilitateur reste avec les personnes restées dans la salle principale.',
    none: 'Pas de conversation privée en ce moment.',
    purpose: {
      checkin: 'Échange privé',
      caucus: 'Conversation privée',
      debrief: 'Temps d’échange',
    },
    with: 'avec {{names}}',
    close: 'Fermer la conversation privée avec {{names}}',
    who: 'Avec qui parler',
    wholeParty: 'Toute la partie : {{party}}',
    host: 'Quel facilitateur y va',
    open: 'Commencer une conversation privée',
  },
  inbox: {
    heading: 'Demandes et avis',
    empty: 'Rien de nouveau.',
    pauseRequests: 'Ont demandé une pause',
    pauseRequest: '{{name}} a demandé une pause à {{time}}.',
    alerts: 'Avis',
    messages: 'Messages',
    messageFrom: 'De {{name}} à {{time}}',
    dismissMessage: 'Lu',
    seen: 'Marquer comme vu',
    alert: {
      'left-safely': '{{name}} a quitté la rencontre.',
      'party-dropped':
        '{{party}} : la connexion a été perdue. La rencontre s’est mise en pause d’elle-même.',
      'no-facilitator':
        'Aucun facilitateur n’était dans la salle principale avec les deux parties : la rencontre s’est donc mise en pause d’elle-même.',
      'stepped-out': '{{name}} a quitté la salle un moment.',
      'stepped-out-back': '{{name}} a quitté la salle un moment, et est de retour.',
      reconnected: '{{name}} est de retour.',
      'consent-withdrawn':
        '{{name}} a retiré son consentement. Cette personne n’est plus prête pour la rencontre commune.',
    },
  },
  talkTime: {
    heading: 'Équilibre du temps de parole',
    explain:
      'Mesuré par le serveur d’après qui avait la parole pendant la rencontre. Visible seulement par les facilitateurs, et non conservé après la rencontre.',
    value: '{{percent}} % ({{time}})',
  },
  overdue: {
    heading: 'Points convenus en retard',
    none: 'Rien n’est en retard dans vos dossiers ouverts.',
    facts_one:
      '{{owner}} · prévu le {{date}} · {{count}} jour de retard ({{timeZone}}) · {{status}}',
    facts_other:
      '{{owner}} · prévu le {{date}} · {{count}} jours de retard ({{timeZone}}) · {{status}}',
    caseHeading: 'Suivi',
    caseTimeZone:
      'Les dates de ce dossier sont comptées dans le fuseau {{timeZone}}, où nous sommes le {{today}}.',
    timeZone: 'Fuseau horaire de ce dossier',
    timeZoneHint:
      'Là où vivent les personnes de ce dossier. Les échéances sont comptées dans ce fuseau horaire.',
    saveTimeZone: 'Enregistrer le fuseau horaire',
    noneInCase: 'Aucun point convenu de ce dossier n’est en retard.',
  },
  relay: {
    heading: 'Écrire à l’autre partie',
    explain:
      'Vous pouvez écrire ici à l’autre partie, par l’intermédiaire de votre facilitateur. Votre facilitateur lit d’abord chaque message, puis le transmet ou vous le rend avec un mot. Rien n’arrive à l’autre partie sans son accord.',
    receivedHeading: 'Messages qui vous ont été transmis',
    noneReceived: 'Aucun message ne vous a encore été transmis.',
    fromSide: 'De la part de la partie {{side}}, transmis le {{date}}',
    mineHeading: 'Ce que vous avez écrit',
    yourMessage: 'Votre message',
    yourMessageHint:
      'Écrivez avec vos propres mots. Merci de ne pas donner d’informations personnelles sur d’autres personnes.',
    send: 'Envoyer à votre facilitateur',
    sent: 'Envoyé. Votre facilitateur le lira d’abord.',
    status: {
      pending: 'En attente de votre facilitateur.',
      released: 'Transmis à l’autre partie.',
      returned: 'Rendu à vous.',
    },
    noteFromFacilitator: 'Votre facilitateur vous dit : {{note}}',
    caseHeading: 'Échange écrit',
    caseExplain:
      'Quand une rencontre commune ne convient pas, les deux parties peuvent s’écrire par votre intermédiaire. Seuls les messages que vous transmettez arrivent à l’autre partie.',
    isOpen: 'L’échange écrit est ouvert : les deux parties peuvent écrire depuis leur lien.',
    isClosed: 'L’échange écrit est fermé.',
    open: 'Ouvrir l’échange écrit',
    close: 'Fermer l’échange écrit',
    fromWriter: '{{writer}} (partie {{side}}), {{date}}',
    caseStatus: {
      pending: 'En attente de votre lecture.',
      released: 'Transmis.',
      returned: 'Rendu.',
    },
    noteGiven: 'Votre mot : {{note}}',
    release: 'Transmettre à l’autre partie',
    returnWithNote: 'Rendre avec un mot',
    returnNote: 'Mot pour la personne qui a écrit',
    returnNoteHint:
      'Dites avec bienveillance pourquoi le message est rendu, et ce qui pourrait aider.',
    giveBack: 'Rendre',
  },
  feedback: {
    heading: 'Quelques questions, si vous le souhaitez',
    explain:
      'Vos réponses aident le programme à s’améliorer. Elles sont anonymes : elles sont gardées sans votre nom et montrées aux facilitateurs seulement additionnées à d’autres. Chaque question est facultative, et vous pouvez répondre une fois.',
    questions: {
      feltSafe: 'Dans quelle mesure vous sentiez-vous en sécurité ?',
      wasHeard: 'Dans quelle mesure avez-vous eu le sentiment qu’on vous écoutait ?',
      itHelped: 'Dans quelle mesure cette démarche vous a-t-elle été utile ?',
    },
    scale: {
      '1': 'Pas du tout',
      '2': 'Un peu',
      '3': 'Moyennement',
      '4': 'Beaucoup',
      '5': 'Tout à fait',
    },
    skip: 'Je préfère ne pas répondre',
    comment: 'Autre chose que vous aimeriez dire au programme (facultatif)',
    commentHint: 'Merci de ne pas indiquer de noms.',
    send: 'Envoyer mes réponses de façon anonyme',
    thanks: 'Merci. Vos réponses ont bien été reçues.',
    caseHeading: 'Retours sur ce dossier',
    allHeading: 'Retours sur tous vos dossiers',
    notYet_one:
      '{{count}} réponse pour l’instant. Les réponses s’affichent à partir de {{min}} personnes, pour qu’aucune réponse ne soit isolée.',
    notYet_other:
      '{{count}} réponses pour l’instant. Les réponses s’affichent à partir de {{min}} personnes, pour qu’aucune réponse ne soit isolée.',
    answers_one: '{{count}} personne a répondu.',
    answers_other: '{{count}} personnes ont répondu.',
    mean_one: 'En moyenne {{mean}} sur 5 ({{count}} réponse)',
    mean_other: 'En moyenne {{mean}} sur 5 ({{count}} réponses)',
    noScores: 'Personne n’a répondu à cette question.',
    commentsHeading: 'Commentaires, sans ordre particulier',
  },
  notify: {
    heading: 'Notifications par e-mail',
    enabled:
      'Chaque personne dont l’adresse est connue reçoit son invitation, l’heure choisie, un rappel la veille et des nouvelles des étapes convenues. Les e-mails sont neutres : pas de noms, pas de titres, rien sur ce qui s’est passé.',
    disabled:
      'Ce serveur n’envoie pas d’e-mails (aucun serveur de messagerie n’est configuré). Les adresses peuvent tout de même être gardées ici pour plus tard.',
    emailFor: 'Adresse e-mail de {{name}} (facultatif)',
    save: 'Enregistrer l’adresse',
  },
  practice: {
    title: 'Essayer la salle par vous-même',
    intro:
      'Avant la rencontre, vous pouvez essayer la salle vidéo par vous-même, aussi souvent que vous le souhaitez. C’est le même service que celui de la rencontre.',
    promisesLabel: 'À propos de la salle d’essai',
    onlyYou: 'Cette salle n’est qu’à vous : personne d’autre ne peut y entrer ni vous y voir.',
    nothingRecorded: 'Rien n’est enregistré.',
    guideHeading: 'Comment ça marche',
    step1:
      'Appuyez sur Commencer. Votre navigateur peut demander l’accès à votre caméra et à votre micro : merci de l’autoriser.',
    step2: 'Après un instant, vous vous voyez comme les autres vous verront pendant la rencontre.',
    step3:
      'Pour vous entendre, mettez d’abord un casque ou des écouteurs, puis appuyez sur M’entendre. Dites quelques mots : vous les entendrez un instant plus tard.',
    step4:
      'Quand vous avez fini, appuyez sur Terminer l’essai. Vous pouvez revenir à tout moment avant la rencontre.',
    start: 'Commencer',
    tryAgain: 'Réessayer',
    end: 'Terminer l’essai',
    hearMyself: 'M’entendre',
    back: 'Retour à votre invitation',
    videoLabel: 'Votre caméra, telle qu’elle revient par le service vidéo',
    status: {
      connecting: 'Ouverture de votre salle d’essai…',
      connected: 'Vous êtes dans votre salle d’essai. Votre image va apparaître dans un instant.',
      seeing: 'Vous êtes dans votre salle d’essai. Voici comment les autres vous verront.',
      failed:
        'La salle d’essai n’a pas pu s’ouvrir. Vérifiez que votre caméra et votre micro sont autorisés, puis réessayez.',
    },
    sound: {
      waiting: 'Dites quelque chose : nous vous dirons quand votre micro passe bien.',
      heard: 'Votre micro passe bien.',
    },
    linkHeading: 'Avant la rencontre',
    linkText:
      'Vous pouvez d’abord essayer la salle vidéo par vous-même. Personne d’autre ne sera là.',
    link: 'Essayer la salle par vous-même',
  },
  display: {
    button: 'Affichage',
    textSize: 'Taille du texte',
    sizeNormal: 'Normale',
    sizeLarge: 'Grande',
    sizeLarger: 'Très grande',
    contrast: 'Contraste',
    contrastStandard: 'Standard',
    contrastHigh: 'Élevé',
    hint: 'Votre choix est gardé pour vous sur cet appareil.',
  },
  captions: {
    toggle: 'Sous-titres',
    size: 'Taille des sous-titres',
    sizeNormal: 'Normale',
    sizeLarge: 'Grande',
    sizeExtraLarge: 'Très grande',
    region: 'Sous-titres en direct',
    waiting: 'Les sous-titres s’afficheront ici au fil de la saisie.',
    present: 'Un sous-titreur est présent.',
    deskHeading: 'Sous-titres en direct',
    deskLabel: 'Saisissez les sous-titres',
    deskHint:
      'Ce que vous tapez s’affiche en direct, en sous-titres, pour toutes les personnes qui les ont activés. Appuyez sur Entrée pour commencer une nouvelle ligne. Rien n’est conservé.',
    deskNotLive:
      'Les sous-titres vont aux personnes de la salle principale. Ils reprendront dès votre retour dans cette salle.',
    deskRefused:
      'La dernière ligne n’a pas pu être envoyée. Continuez à taper : la suivante sera envoyée de nouveau.',
  },
  language: {
    label: 'Langue',
    person: 'Langue',
    personFor: 'Langue de {{name}}',
    personHint:
      'La langue de son lien, de ses écrans et de son résumé. La personne peut la changer elle-même.',
  },
  interpreter: {
    for: 'Interprète pour {{name}}',
    signFor: 'Interprète en langue des signes pour {{name}}',
    forSomeoneNotHere: 'Interprète pour une personne qui n’est pas encore là',
    interpretsFor: 'Interprète pour',
    interpretsForHint:
      'La personne pour qui cet interprète est présent. Sa vidéo s’affiche en grand sur l’écran de cette personne.',
    nobody: 'Tout le monde (sans lien avec une personne)',
    mode: 'Type d’interprétation',
    modes: { spoken: 'Langue parlée', sign: 'Langue des signes' },
    changeLabel: 'Pour qui {{name}} interprète',
    save: 'Enregistrer',
    saved: 'C’est enregistré.',
  },
  notFound: {
    title: 'Page introuvable',
    text: 'Cette page n’existe pas. Si vous avez reçu une invitation à une rencontre, merci d’utiliser le lien qui l’accompagnait.',
    home: 'Aller à la page d’accueil',
  },
  roomAnnounce: {
    inRoom: 'Vous êtes dans la salle de rencontre.',
    phase: 'Maintenant : {{name}}.',
    waiting: '{{name}} est dans l’espace d’attente.',
    joined: '{{name}} a rejoint la salle de rencontre.',
  },
};

/** French for enPrep (issue 15's own namespace, 'prep'). */
export const frPrep = {
  tryAgain: 'Réessayer',
  saved: 'Enregistré.',
  kind: {
    prep: 'Rencontre de préparation',
    joint: 'Rencontre commune',
    followup: 'Rencontre de suivi',
  },
  consent: {
    title: 'Avant d’entrer : votre accord',
    changed:
      'Les personnes présentes ont changé depuis votre dernier accord. Merci de relire la liste avant d’entrer.',
    withdrawnBefore:
      'Vous avez retiré votre accord plus tôt. Vous pouvez le donner à nouveau si vous souhaitez participer.',
    whatItIs: 'Ce qu’est cette rencontre, et ce qu’elle n’est pas',
    notLegal:
      'C’est une conversation, pas une procédure juridique, ni l’examen d’une plainte, ni une enquête.',
    notRecorded: 'Rien n’est enregistré : ni le son, ni la vidéo, ni aucune transcription.',
    pauseLeave:
      'Vous pouvez demander une pause ou partir à tout moment, sans avoir à donner de raison.',
    voluntary: 'Participer est votre choix. Dire non n’a aucune conséquence pour vous.',
    whoHeading: 'Qui sera présent',
    agreeLegend: 'Merci de cocher chaque point que vous acceptez',
    participate: 'J’accepte de participer à cette rencontre.',
    attendees: 'J’accepte de rencontrer les personnes indiquées ci-dessus.',
    summary: 'Je comprends ce qui advient du résumé de ce que nous aurons convenu.',
    summaryHint:
      'Seuls les accords acceptés par toutes les parties sont mis par écrit, et chaque partie peut les lire. Rien d’autre n’est gardé une fois le dossier clos.',
    agree: 'J’accepte, continuer',
    back: 'Retour',
    withdrawLater: 'Vous pouvez retirer votre accord à tout moment depuis cette page.',
  },
  link: {
    heading: 'Votre préparation',
    consentHeading: 'Votre accord',
    consent: {
      current: 'Vous avez accepté de participer le {{date}}.',
      outdated:
        'Les personnes présentes ont changé. Votre accord vous sera demandé à nouveau avant d’entrer.',
      withdrawn: 'Vous avez retiré votre accord le {{date}}. Les facilitateurs sont au courant.',
      missing: 'Vous n’avez pas encore donné votre accord. Il vous sera demandé avant d’entrer.',
    },
    withdraw: 'Retirer mon accord',
    withdrawQuestion: 'Retirer votre accord pour participer ?',
    withdrawExplain:
      'Les facilitateurs sont prévenus tout de suite, et la rencontre commune ne peut pas commencer sans vous. Vous n’avez pas à donner de raison.',
    withdrawConfirm: 'Oui, retirer mon accord',
    timeHeading: 'Quand nous nous rencontrons',
    chosen: 'La rencontre a lieu le {{when}}.',
    addToCalendar: 'Ajouter à mon agenda',
    chooseLegend:
      'Votre facilitateur vous propose ces horaires. Choisissez celui qui vous convient.',
    choose: 'Choisir le {{when}}',
    noneSuits: 'Aucun ne me convient',
    noneSuitsSaid:
      'Vous avez indiqué qu’aucun de ces horaires ne vous convient. Votre facilitateur va reprendre contact avec vous.',
  },
  questions: {
    ownHeading: 'Vos questions',
    ownExplain:
      'Notez ce à quoi vous aimeriez avoir une réponse. Chaque question reste privée, sauf si vous choisissez de la partager avec l’équipe soignante avant la rencontre, pour qu’elle puisse s’y préparer. Vous pouvez la reprendre à tout moment.',
    sharedHeading: 'Questions que le patient a choisi de partager',
    sharedExplain:
      'Le patient les a partagées pour que vous puissiez vous préparer. Il peut les reprendre.',
    isShared: '(partagée)',
    notShared: '(privée)',
    share: 'Partager',
    unshare: 'Ne plus partager',
    remove: 'Retirer',
    add: 'Une question',
    addButton: 'Ajouter la question',
  },
  consents: {
    heading: 'Accord pour participer',
    status: {
      current: 'a donné son accord',
      outdated: 'a accepté une liste antérieure des personnes présentes',
      withdrawn: 'a retiré son accord',
      missing: 'pas encore d’accord',
    },
  },
  gate: {
    heading: 'Avant que la rencontre commune puisse commencer',
    ready: 'Tout le monde est prêt : la rencontre peut commencer.',
    missingLabel: 'Il manque encore',
    readiness: {
      none: '{{party}} : pas encore de décision sur son état de préparation',
      go: '{{party}} : prêt',
      not_yet: '{{party}} : pas encore prêt',
      indirect_only: '{{party}} : options indirectes seulement',
      stop: '{{party}} : ne souhaite pas poursuivre',
    },
    consent: {
      missing: '{{name}} n’a pas encore accepté de participer',
      outdated: '{{name}} doit donner son accord à nouveau (les personnes présentes ont changé)',
      withdrawn: '{{name}} a retiré son accord',
    },
  },
  members: {
    legend: 'Qui participe à {{meeting}}',
    save: 'Enregistrer les participants de cette rencontre',
  },
  timing: {
    heading: 'Horaires proposés au choix du patient',
    none: 'Aucun horaire proposé pour l’instant.',
    chosen: 'choisi par le patient',
    noneSuits: 'Le patient a indiqué qu’aucun de ces horaires ne lui convient.',
    waiting:
      'En attente du choix du patient. L’équipe soignante ne voit l’horaire qu’une fois qu’il est choisi.',
    slot: 'Horaire {{n}}',
    propose: 'Proposer ces horaires',
  },
  readiness: {
    current: '{{party}} : {{decision}} (décidé le {{date}})',
    noneYet: '{{party}} : pas encore de décision',
    decisionFor: 'État de préparation : {{party}}',
    decision: {
      go: 'Prêt',
      not_yet: 'Pas encore',
      indirect_only: 'Indirect seulement',
      stop: 'Arrêt',
    },
    date: 'Date de la décision',
    note: 'Note privée',
    noteHint: 'Seuls les facilitateurs de ce dossier la voient.',
    record: 'Enregistrer la décision pour la partie {{party}}',
  },
  record: {
    heading: 'Notes de préparation : {{party}}',
    hopes: 'Attentes et besoins',
    questions: 'Questions auxquelles ils souhaitent une réponse',
    avoidTopics: 'Sujets à ne pas aborder',
    namesPronouns: 'Noms et pronoms souhaités',
    supportPeople: 'Personnes de soutien qu’ils souhaitent amener',
    access: 'Besoins d’accessibilité',
    accessHint:
      'Les sous-titres et l’audio seulement seront déjà activés pour chaque personne de ce côté lorsqu’elle ouvrira son lien. Chacun peut toujours les désactiver.',
    captions: 'Sous-titres',
    interpreter: 'Interprète',
    audioOnly: 'Audio seulement',
    breaks: 'Pauses',
    language: 'Langue',
    otherAccess: 'Autres besoins d’accessibilité',
    save: 'Enregistrer les notes de préparation',
  },
  safety: {
    heading: 'Plan de sécurité : {{name}}',
    location: 'Où la personne se trouvera pendant la rencontre',
    callbackNumber: 'Numéro pour la rappeler',
    afterSupport: 'Qui la soutient après la rencontre',
    ifDistressed: 'Que faire si elle est en détresse ou si la connexion est perdue',
    save: 'Enregistrer le plan de sécurité',
    lifetime:
      'Seuls les facilitateurs de ce dossier le voient. Il est supprimé à la fin de la rencontre commune (ou de la rencontre de suivi).',
  },
  case: {
    heading: 'Préparation',
    private:
      'Seuls les facilitateurs de ce dossier voient ceci. Tout est supprimé avec le dossier.',
    questionsHeading: 'Les questions du patient',
  },
  newMeeting: {
    heading: 'Nouvelle rencontre de préparation ou de suivi',
    kind: 'Type de rencontre',
    title: 'Titre de la rencontre',
    who: 'Qui y participe',
    oneSide: 'Une rencontre de préparation réunit les personnes d’une seule partie.',
    create: 'Créer cette rencontre',
  },
  hints: {
    label: 'Notes de préparation (visibles seulement par vous)',
    names: 'Comment s’adresser à la personne : {{names}}',
    avoid: 'Sujets à ne pas aborder : {{topics}}',
    access: 'Besoins d’accessibilité : {{needs}}',
    location: 'Où elle se trouve : {{location}}',
    ifDistressed: 'En cas de détresse ou de connexion perdue : {{plan}}',
    afterSupport: 'Soutien après la rencontre : {{who}}',
  },
};
