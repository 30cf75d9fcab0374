import Foundation

/// The WhatsApp Cloud API's own wire formats (copied from /work/shared/fixtures/whatsapp), inlined because the test
/// target declares no resources.
enum WhatsAppFixtures {
    /// A customer's text message.
    static let inboundText = Data(
        """
        {
          "object": "whatsapp_business_account",
          "entry": [
            {
              "id": "102290129340398",
              "changes": [
                {
                  "value": {
                    "messaging_product": "whatsapp",
                    "metadata": {
                      "display_phone_number": "15550783881",
                      "phone_number_id": "106540352242922"
                    },
                    "contacts": [
                      {
                        "profile": {
                          "name": "Sheena Nelson"
                        },
                        "wa_id": "16505551234"
                      }
                    ],
                    "messages": [
                      {
                        "from": "16505551234",
                        "id": "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=",
                        "timestamp": "1749416383",
                        "type": "text",
                        "text": {
                          "body": "Does it come in another color?"
                        }
                      }
                    ]
                  },
                  "field": "messages"
                }
              ]
            }
          ]
        }
        """.utf8)

    /// An image with a caption.
    static let inboundImage = Data(
        """
        {
          "object": "whatsapp_business_account",
          "entry": [
            {
              "id": "102290129340398",
              "changes": [
                {
                  "value": {
                    "messaging_product": "whatsapp",
                    "metadata": {
                      "display_phone_number": "15550783881",
                      "phone_number_id": "106540352242922"
                    },
                    "contacts": [
                      {
                        "profile": {
                          "name": "Sheena Nelson"
                        },
                        "wa_id": "16505551234"
                      }
                    ],
                    "messages": [
                      {
                        "from": "16505551234",
                        "id": "wamid.IMAGE1",
                        "timestamp": "1749416400",
                        "type": "image",
                        "image": {
                          "caption": "Taj Mahal",
                          "mime_type": "image/jpeg",
                          "sha256": "SfInY0gGKTsJlUWbwxC1k+FAD0FZHvzwfpvO0zX0GUI=",
                          "id": "1003383421387256"
                        }
                      }
                    ]
                  },
                  "field": "messages"
                }
              ]
            }
          ]
        }
        """.utf8)

    /// A voice note.
    static let inboundAudio = Data(
        """
        {
          "object": "whatsapp_business_account",
          "entry": [
            {
              "id": "102290129340398",
              "changes": [
                {
                  "value": {
                    "messaging_product": "whatsapp",
                    "metadata": {
                      "display_phone_number": "15550783881",
                      "phone_number_id": "106540352242922"
                    },
                    "contacts": [
                      {
                        "profile": {
                          "name": "Sheena Nelson"
                        },
                        "wa_id": "16505551234"
                      }
                    ],
                    "messages": [
                      {
                        "from": "16505551234",
                        "id": "wamid.AUDIO1",
                        "timestamp": "1749416410",
                        "type": "audio",
                        "audio": {
                          "mime_type": "audio/ogg; codecs=opus",
                          "sha256": "wvqXMe6n7n1W0zphvLPoLj+s/NtKqmr3zZ7YzTP7xFI=",
                          "id": "1908647269898587",
                          "voice": true
                        }
                      }
                    ]
                  },
                  "field": "messages"
                }
              ]
            }
          ]
        }
        """.utf8)

    /// A tap on a reply button, quoting the message that held it.
    static let inboundButtonReply = Data(
        """
        {
          "object": "whatsapp_business_account",
          "entry": [
            {
              "id": "102290129340398",
              "changes": [
                {
                  "value": {
                    "messaging_product": "whatsapp",
                    "metadata": {
                      "display_phone_number": "15550783881",
                      "phone_number_id": "106540352242922"
                    },
                    "contacts": [
                      {
                        "profile": {
                          "name": "Sheena Nelson"
                        },
                        "wa_id": "16505551234"
                      }
                    ],
                    "messages": [
                      {
                        "context": {
                          "from": "15550783881",
                          "id": "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3MEM2RUJFNkI0RENGQTVDRjUA"
                        },
                        "from": "16505551234",
                        "id": "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTZBQzg0MzQ4QjRCM0NGNkVGOAA=",
                        "timestamp": "1750025136",
                        "type": "interactive",
                        "interactive": {
                          "type": "button_reply",
                          "button_reply": {
                            "id": "cancel-button",
                            "title": "Cancel"
                          }
                        }
                      }
                    ]
                  },
                  "field": "messages"
                }
              ]
            }
          ]
        }
        """.utf8)

    /// A choice from a list message.
    static let inboundListReply = Data(
        """
        {
          "object": "whatsapp_business_account",
          "entry": [
            {
              "id": "102290129340398",
              "changes": [
                {
                  "value": {
                    "messaging_product": "whatsapp",
                    "metadata": {
                      "display_phone_number": "15550783881",
                      "phone_number_id": "106540352242922"
                    },
                    "contacts": [
                      {
                        "profile": {
                          "name": "Sheena Nelson"
                        },
                        "wa_id": "16505551234"
                      }
                    ],
                    "messages": [
                      {
                        "context": {
                          "from": "15550783881",
                          "id": "wamid.HBgLMTQxMjU1NTA4MjkVAgASGBQzQUNCNjk5RDUwNUZGMUZEM0VBRAA="
                        },
                        "from": "16505551234",
                        "id": "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=",
                        "timestamp": "1749854575",
                        "type": "interactive",
                        "interactive": {
                          "type": "list_reply",
                          "list_reply": {
                            "id": "priority_express",
                            "title": "Priority Mail Express",
                            "description": "Next Day to 2 Days"
                          }
                        }
                      }
                    ]
                  },
                  "field": "messages"
                }
              ]
            }
          ]
        }
        """.utf8)

    /// `sent`, with pricing.
    static let statusSent = Data(
        """
        {
          "object": "whatsapp_business_account",
          "entry": [
            {
              "id": "102290129340398",
              "changes": [
                {
                  "value": {
                    "messaging_product": "whatsapp",
                    "metadata": {
                      "display_phone_number": "15550783881",
                      "phone_number_id": "106540352242922"
                    },
                    "statuses": [
                      {
                        "id": "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=",
                        "status": "sent",
                        "timestamp": "1750030073",
                        "recipient_id": "16505551234",
                        "pricing": {
                          "billable": true,
                          "pricing_model": "PMP",
                          "type": "regular",
                          "category": "marketing"
                        }
                      }
                    ]
                  },
                  "field": "messages"
                }
              ]
            }
          ]
        }
        """.utf8)

    /// `read`, for the same message as `statusSent`.
    static let statusRead = Data(
        """
        {
          "object": "whatsapp_business_account",
          "entry": [
            {
              "id": "102290129340398",
              "changes": [
                {
                  "value": {
                    "messaging_product": "whatsapp",
                    "metadata": {
                      "display_phone_number": "15550783881",
                      "phone_number_id": "106540352242922"
                    },
                    "statuses": [
                      {
                        "id": "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=",
                        "status": "read",
                        "timestamp": "1750030190",
                        "recipient_id": "16505551234"
                      }
                    ]
                  },
                  "field": "messages"
                }
              ]
            }
          ]
        }
        """.utf8)

    /// `failed` with 131047: the 24-hour window had closed.
    static let statusFailedWindow = Data(
        """
        {
          "object": "whatsapp_business_account",
          "entry": [
            {
              "id": "102290129340398",
              "changes": [
                {
                  "value": {
                    "messaging_product": "whatsapp",
                    "metadata": {
                      "display_phone_number": "15550783881",
                      "phone_number_id": "106540352242922"
                    },
                    "statuses": [
                      {
                        "id": "wamid.FAILED1",
                        "status": "failed",
                        "timestamp": "1751142888",
                        "recipient_id": "16505551234",
                        "errors": [
                          {
                            "code": 131047,
                            "title": "Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
                            "href": "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/"
                          }
                        ]
                      }
                    ]
                  },
                  "field": "messages"
                }
              ]
            }
          ]
        }
        """.utf8)

    /// A text with a link preview.
    static let sendTextRequest = Data(
        """
        {
          "messaging_product": "whatsapp",
          "recipient_type": "individual",
          "to": "+16505551234",
          "type": "text",
          "text": {
            "preview_url": true,
            "body": "As requested, here's the link to our latest product: https://www.meta.com/quest/quest-3/"
          }
        }
        """.utf8)

    /// A template with named body parameters.
    static let sendTemplateRequest = Data(
        """
        {
          "messaging_product": "whatsapp",
          "recipient_type": "individual",
          "to": "16505551234",
          "type": "template",
          "template": {
            "name": "reservation_confirmation",
            "language": {
              "code": "en_US"
            },
            "components": [
              {
                "type": "body",
                "parameters": [
                  {
                    "type": "text",
                    "parameter_name": "number_of_guests",
                    "text": "4"
                  },
                  {
                    "type": "text",
                    "parameter_name": "day",
                    "text": "Saturday"
                  }
                ]
              }
            ]
          }
        }
        """.utf8)

    /// Two reply buttons with a footer.
    static let sendButtonsRequest = Data(
        """
        {
          "messaging_product": "whatsapp",
          "recipient_type": "individual",
          "to": "16505551234",
          "type": "interactive",
          "interactive": {
            "type": "button",
            "body": {
              "text": "Hi Pablo! Your gardening workshop is scheduled for 9am tomorrow. Use the buttons if you need to reschedule. Thank you!"
            },
            "footer": {
              "text": "Lucky Shrub"
            },
            "action": {
              "buttons": [
                {
                  "type": "reply",
                  "reply": {
                    "id": "change-button",
                    "title": "Change"
                  }
                },
                {
                  "type": "reply",
                  "reply": {
                    "id": "cancel-button",
                    "title": "Cancel"
                  }
                }
              ]
            }
          }
        }
        """.utf8)

    /// A list with a text header and one section.
    static let sendListRequest = Data(
        """
        {
          "messaging_product": "whatsapp",
          "recipient_type": "individual",
          "to": "16505551234",
          "type": "interactive",
          "interactive": {
            "type": "list",
            "header": {
              "type": "text",
              "text": "Choose Shipping Option"
            },
            "body": {
              "text": "Which shipping option do you prefer?"
            },
            "action": {
              "button": "Shipping Options",
              "sections": [
                {
                  "title": "I want it ASAP!",
                  "rows": [
                    {
                      "id": "priority_express",
                      "title": "Priority Mail Express",
                      "description": "Next Day to 2 Days"
                    }
                  ]
                }
              ]
            }
          }
        }
        """.utf8)

    /// What a successful send answers.
    static let sendResponse = Data(
        """
        {
          "messaging_product": "whatsapp",
          "contacts": [
            {
              "input": "+16505551234",
              "wa_id": "16505551234"
            }
          ],
          "messages": [
            {
              "id": "wamid.HBgLMTY0NjcwNDM1OTUVAgARGBI1RjQyNUE3NEYxMzAzMzQ5MkEA"
            }
          ]
        }
        """.utf8)

    /// The error body of a rate-limited send.
    static let sendErrorRateLimit = Data(
        """
        {
          "error": {
            "message": "(#130429) Rate limit hit",
            "type": "OAuthException",
            "code": 130429,
            "error_data": {
              "messaging_product": "whatsapp",
              "details": "Message failed to send because there were too many messages sent from this phone number in a short period of time"
            },
            "error_subcode": 2494055,
            "fbtrace_id": "Az8or2yhqkZfEZ-_4Qn_Bam"
          }
        }
        """.utf8)

    /// `signed_body.json` byte for byte: one line, no trailing newline, "á" written as the escape `\u00e1`. Any
    /// change breaks the signature below.
    static let signedBody = Data(
        #"{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},"contacts":[{"profile":{"name":"Sheena Nelson"},"wa_id":"16505551234"}],"messages":[{"from":"16505551234","id":"wamid.TEST1","timestamp":"1749416383","type":"text","text":{"body":"Ol\u00e1"}}]},"field":"messages"}]}]}"#
            .utf8)

    /// `X-Hub-Signature-256` of `signedBody` with the app secret `test_app_secret`.
    static let signedBodySignature = "sha256=107263877246a47daa2e2ffbee591f4f0eb516de10ddf369c0d58c525af356af"

    static let signedBodyAppSecret = "test_app_secret"
}
